import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Movement,
  MovementListQuery,
  Page,
  StockHistory,
  StockHistoryQuery,
  StockLevel,
  StockLevelListQuery,
  codeSchema,
  movementListQuerySchema,
  stockHistoryQuerySchema,
  stockLevelListQuerySchema,
} from '@stockpulse/contracts';
import { RequireScope } from '../../../shared/http/auth';
import { ApiZodQuery, ZodPipe } from '../../../shared/http/zod';
import { QueryStockUseCase } from '../application/query-stock/query-stock.use-case';

const codeParam = new ZodPipe(codeSchema);

@ApiTags('inventory')
@Controller('api/v1/movements')
export class MovementsController {
  constructor(private readonly queries: QueryStockUseCase) {}

  @Get()
  @RequireScope('inventory:read')
  @ApiOperation({ summary: 'The movement ledger, newest first (filter by sku, location, time range, type, source)' })
  @ApiZodQuery(movementListQuerySchema)
  list(@Query(new ZodPipe(movementListQuerySchema)) query: MovementListQuery): Promise<Page<Movement>> {
    return this.queries.movements(query);
  }
}

@ApiTags('inventory')
@Controller('api/v1/stock-levels')
export class StockLevelsController {
  constructor(private readonly queries: QueryStockUseCase) {}

  @Get()
  @RequireScope('inventory:read')
  @ApiOperation({
    summary: 'Stock levels per SKU x location: the buckets, available, inventoryPosition and status (paged, sortable)',
  })
  @ApiZodQuery(stockLevelListQuerySchema)
  list(@Query(new ZodPipe(stockLevelListQuerySchema)) query: StockLevelListQuery): Promise<Page<StockLevel>> {
    return this.queries.stockLevels(query);
  }

  @Get(':sku/:location/history')
  @RequireScope('inventory:read')
  @ApiOperation({
    summary: 'The buckets over time (end of each UTC day or hour) and the levels as they were at asOf, from the ledger',
  })
  @ApiZodQuery(stockHistoryQuerySchema as never)
  history(
    @Param('sku', codeParam) sku: string,
    @Param('location', codeParam) location: string,
    @Query(new ZodPipe(stockHistoryQuerySchema)) query: StockHistoryQuery,
  ): Promise<StockHistory> {
    return this.queries.history(sku, location, query);
  }
}

@ApiTags('inventory')
@Controller('api/v1/skus')
export class SkuStockLevelsController {
  constructor(private readonly queries: QueryStockUseCase) {}

  @Get(':code/stock-levels')
  @RequireScope('inventory:read')
  @ApiOperation({ summary: "A SKU's stock levels at every location (the SKU detail page)" })
  list(@Param('code', codeParam) code: string): Promise<Page<StockLevel>> {
    return this.queries.stockLevelsOfSku(code);
  }
}
