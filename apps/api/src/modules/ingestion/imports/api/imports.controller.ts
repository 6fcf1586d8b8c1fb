import { createHash } from 'node:crypto';
import {
  CallHandler,
  Controller,
  ExecutionContext,
  Get,
  HttpCode,
  Injectable,
  NestInterceptor,
  Param,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
  applyDecorators,
  Body,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import {
  IMPORT_COLUMNS,
  ImportDetail,
  ImportErrorsQuery,
  ImportKind,
  ImportListQuery,
  ImportRowErrorWithRaw,
  ImportSummary,
  MAX_IMPORT_BYTES,
  Page,
  importErrorsQuerySchema,
  importListQuerySchema,
} from '@stockpulse/contracts';
import { RequireScope } from '../../../../shared/http/auth';
import { Idempotent } from '../../../../shared/http/idempotency';
import { ApiZodQuery, ZodPipe } from '../../../../shared/http/zod';
import { CreateImportUseCase } from '../application/create-import/create-import.use-case';
import { ReadImportsQuery } from '../application/read-imports/read-imports.query';

interface UploadedCsv {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/**
 * Runs after multer and before the idempotency interceptor: an uploaded file is part of "the same request", so
 * its name and digest join the body that the Idempotency-Key is checked against.
 */
@Injectable()
export class UploadFingerprintInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request & { file?: UploadedCsv }>();
    if (req.file) {
      const sha256 = createHash('sha256').update(req.file.buffer).digest('hex');
      const fields = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
      req.body = { ...fields, file: { name: req.file.originalname, size: req.file.size, sha256 } };
    }
    return next.handle();
  }
}

/** The decorators every upload route shares (the idempotency interceptor must come after multer). */
function CsvUpload(kind: ImportKind) {
  const { required, optional } = IMPORT_COLUMNS[kind];
  return applyDecorators(
    HttpCode(202),
    Idempotent(),
    UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } }), UploadFingerprintInterceptor),
    ApiConsumes('text/csv', 'multipart/form-data'),
    ApiBody({
      description:
        `A CSV (UTF-8, comma separated, header line first), as the raw body (Content-Type: text/csv) or as the ` +
        `\`file\` field of multipart/form-data; at most 100 MB. Columns: ${required.join(', ')} (required), ` +
        `${optional.join(', ')} (optional; an empty cell takes the default).`,
      schema: { type: 'string', format: 'binary' },
    }),
    ApiAcceptedResponse({ description: 'The import, queued: poll GET /api/v1/imports/{id} for progress and row errors.' }),
  );
}

function contentOf(body: unknown, file: UploadedCsv | undefined): { content: string | undefined; fileName: string | null } {
  if (file) return { content: file.buffer.toString('utf8'), fileName: file.originalname || null };
  return { content: typeof body === 'string' ? body : undefined, fileName: null };
}

@ApiTags('ingestion')
@Controller('api/v1/imports')
export class ImportsController {
  constructor(
    private readonly createImport: CreateImportUseCase,
    private readonly read: ReadImportsQuery,
  ) {}

  @Post('skus')
  @RequireScope('catalog:write')
  @CsvUpload('skus')
  @ApiOperation({ summary: 'Import SKUs from a CSV (upsert by code); units like case=12;pallet=480' })
  importSkus(@Body() body: unknown, @UploadedFile() file?: UploadedCsv): Promise<ImportSummary> {
    return this.create('skus', body, file);
  }

  @Post('locations')
  @RequireScope('catalog:write')
  @CsvUpload('locations')
  @ApiOperation({ summary: 'Import locations from a CSV (upsert by code)' })
  importLocations(@Body() body: unknown, @UploadedFile() file?: UploadedCsv): Promise<ImportSummary> {
    return this.create('locations', body, file);
  }

  @Post('suppliers')
  @RequireScope('catalog:write')
  @CsvUpload('suppliers')
  @ApiOperation({ summary: 'Import suppliers from a CSV (upsert by code)' })
  importSuppliers(@Body() body: unknown, @UploadedFile() file?: UploadedCsv): Promise<ImportSummary> {
    return this.create('suppliers', body, file);
  }

  @Post('supplier-terms')
  @RequireScope('catalog:write')
  @CsvUpload('supplier-terms')
  @ApiOperation({ summary: 'Import supplier terms from a CSV (created or replaced per supplier and SKU)' })
  importSupplierTerms(@Body() body: unknown, @UploadedFile() file?: UploadedCsv): Promise<ImportSummary> {
    return this.create('supplier-terms', body, file);
  }

  @Post('movements')
  @RequireScope('inventory:write')
  @CsvUpload('movements')
  @ApiOperation({ summary: 'Import movements from a CSV (idempotent by source and external_id; refused rows become dead letters)' })
  importMovements(@Body() body: unknown, @UploadedFile() file?: UploadedCsv): Promise<ImportSummary> {
    return this.create('movements', body, file);
  }

  @Get()
  @RequireScope('catalog:read')
  @ApiOperation({ summary: 'Recent imports, newest first (filter by kind and status)' })
  @ApiZodQuery(importListQuerySchema)
  list(@Query(new ZodPipe(importListQuerySchema)) query: ImportListQuery): Promise<Page<ImportSummary>> {
    return this.read.list(query);
  }

  @Get(':id')
  @RequireScope('catalog:read')
  @ApiOperation({ summary: 'An import: status, counters, percent and its first 100 row errors' })
  @ApiOkResponse({ description: '{ id, kind, status, ..., percent, failure, errors: [{ line, field, message }] }' })
  get(@Param('id') id: string): Promise<ImportDetail> {
    return this.read.get(id);
  }

  @Get(':id/errors')
  @RequireScope('catalog:read')
  @ApiOperation({ summary: 'Every row error of an import, by line (paged), with the row as written' })
  @ApiZodQuery(importErrorsQuerySchema)
  errors(
    @Param('id') id: string,
    @Query(new ZodPipe(importErrorsQuerySchema)) query: ImportErrorsQuery,
  ): Promise<Page<ImportRowErrorWithRaw>> {
    return this.read.errors(id, query);
  }

  private create(kind: ImportKind, body: unknown, file: UploadedCsv | undefined): Promise<ImportSummary> {
    const { content, fileName } = contentOf(body, file);
    return this.createImport.execute(kind, content, fileName);
  }
}
