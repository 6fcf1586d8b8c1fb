import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLogEntry, AuditLogQuery, Page, auditLogQuerySchema } from '@stockpulse/contracts';
import { RequireScope } from '../../../shared/http/auth';
import { ApiZodQuery, ZodPipe } from '../../../shared/http/zod';
import { QueryAuditLogUseCase } from '../application/query-audit-log/query-audit-log.use-case';

@ApiTags('identity')
@Controller('api/v1/audit-log')
@RequireScope('admin')
export class AuditLogController {
  constructor(private readonly auditLog: QueryAuditLogUseCase) {}

  @Get()
  @ApiOperation({
    summary: 'Who changed what, when, before and after: newest first; filter by entityType, entityId, actor, action, from, to',
  })
  @ApiZodQuery(auditLogQuerySchema)
  list(@Query(new ZodPipe(auditLogQuerySchema)) query: AuditLogQuery): Promise<Page<AuditLogEntry>> {
    return this.auditLog.execute(query);
  }
}
