import { Body, Controller, HttpCode, Param, Post, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DeadLetter,
  DeadLetterListQuery,
  DeadLetterReplay,
  DeadLetterReplayResult,
  MAX_MOVEMENTS_PER_BATCH,
  MovementBatch,
  MovementBatchResult,
  Page,
  deadLetterListQuerySchema,
  deadLetterReplaySchema,
  movementBatchSchema,
  movementItemSchema,
} from '@stockpulse/contracts';
import { RequireScope } from '../../../../shared/http/auth';
import { Idempotent } from '../../../../shared/http/idempotency';
import { ApiZodBody, ApiZodQuery, ZodPipe } from '../../../../shared/http/zod';
import { IngestMovementsUseCase } from '../application/ingest-movements/ingest-movements.use-case';
import { ReplayDeadLetterUseCase } from '../application/replay-dead-letter/replay-dead-letter.use-case';

@ApiTags('ingestion')
@Controller('api/v1/movements')
export class MovementIntakeController {
  constructor(private readonly ingest: IngestMovementsUseCase) {}

  @Post()
  @HttpCode(200)
  @RequireScope('inventory:write')
  @Idempotent()
  @ApiOperation({
    summary: `Record a batch of up to ${MAX_MOVEMENTS_PER_BATCH} movements: { items: [...] }`,
    description:
      'Each item is validated and answered on its own: `created`, `duplicate` (same source and externalId, same ' +
      'content: nothing changes) or `rejected` with the path and reason of each error (kept as a dead letter). ' +
      'Valid items are applied even when others are rejected. Only a malformed envelope (not an object with an ' +
      '`items` array of 1 to 10,000 entries) is a 400. Item schema: ' +
      JSON.stringify(Object.keys(movementItemSchema.shape)),
  })
  @ApiZodBody(movementBatchSchema)
  @ApiOkResponse({ description: '{ summary: { created, duplicates, rejected }, items: [{ index, status, movementId?, deadLetterId?, errors? }] }' })
  record(@Body(new ZodPipe(movementBatchSchema)) body: MovementBatch): Promise<MovementBatchResult> {
    return this.ingest.execute(body.items);
  }
}

@ApiTags('ingestion')
@Controller('api/v1/dead-letters')
export class DeadLettersController {
  constructor(private readonly replay: ReplayDeadLetterUseCase) {}

  @Get()
  @RequireScope('inventory:read')
  @ApiOperation({ summary: 'What intake refused, newest first, with the payload as sent and the reason' })
  @ApiZodQuery(deadLetterListQuerySchema)
  list(@Query(new ZodPipe(deadLetterListQuerySchema)) query: DeadLetterListQuery): Promise<Page<DeadLetter>> {
    return this.replay.list(query);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @RequireScope('inventory:write')
  @ApiOperation({
    summary: 'Replay a refused movement, optionally with a corrected payload: { payload?: { ...movement } }',
  })
  @ApiZodBody(deadLetterReplaySchema)
  replayOne(
    @Param('id') id: string,
    @Body(new ZodPipe(deadLetterReplaySchema)) body: DeadLetterReplay,
  ): Promise<DeadLetterReplayResult> {
    return this.replay.execute(id, body.payload);
  }
}
