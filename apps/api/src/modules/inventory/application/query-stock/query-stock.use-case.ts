import { Injectable } from '@nestjs/common';
import {
  MAX_HISTORY_POINTS,
  Movement,
  MovementListQuery,
  Page,
  StockHistory,
  StockHistoryQuery,
  StockLevel,
  StockLevelListQuery,
} from '@stockpulse/contracts';
import { NotFoundError, ValidationError } from '../../../../shared/errors';
import { decodeCursor, page } from '../../../../shared/http/pagination';
import { CatalogFacade } from '../../../catalog';
import { StockReadRepository } from '../../infrastructure/stock-read.repository';

export class UnknownSkuError extends NotFoundError {}
export class UnknownLocationError extends NotFoundError {}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The ledger, the levels, and the levels as they were: what GET routes of inventory answer. */
@Injectable()
export class QueryStockUseCase {
  constructor(
    private readonly reads: StockReadRepository,
    private readonly catalog: CatalogFacade,
  ) {}

  async movements(query: MovementListQuery): Promise<Page<Movement>> {
    const offset = decodeCursor(query.cursor, query.offset);
    const { items, total } = await this.reads.listMovements(query, offset);
    return page(items, total, offset, query.limit);
  }

  async stockLevels(query: StockLevelListQuery): Promise<Page<StockLevel>> {
    const offset = decodeCursor(query.cursor, query.offset);
    const { items, total } = await this.reads.listStockLevels(query, offset);
    return page(items, total, offset, query.limit);
  }

  /** Every location's buckets of one SKU (the SKU detail page). */
  async stockLevelsOfSku(code: string): Promise<Page<StockLevel>> {
    const sku = (await this.catalog.resolveSkus([code])).get(code);
    if (!sku) throw new UnknownSkuError(`There is no SKU ${code}.`);
    const { items, total } = await this.reads.listStockLevels({ limit: 1000, sort: 'location' }, 0, sku.id);
    return page(items, total, 0, 1000);
  }

  async history(skuCode: string, locationCode: string, query: StockHistoryQuery): Promise<StockHistory> {
    const [skus, locations] = await Promise.all([
      this.catalog.resolveSkus([skuCode]),
      this.catalog.resolveLocations([locationCode]),
    ]);
    const sku = skus.get(skuCode);
    if (!sku) throw new UnknownSkuError(`There is no SKU ${skuCode}.`);
    const location = locations.get(locationCode);
    if (!location) throw new UnknownLocationError(`There is no location ${locationCode}.`);
    const step = query.interval === 'hour' ? HOUR : DAY;
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - (query.interval === 'hour' ? 48 : 30) * step);
    if (from > to) throw new ValidationError('The query string is invalid.', [{ path: 'query.from', message: 'must not be after to' }]);
    if ((to.getTime() - from.getTime()) / step > MAX_HISTORY_POINTS) {
      throw new ValidationError('The query string is invalid.', [
        { path: 'query.from', message: `the range holds more than ${MAX_HISTORY_POINTS} ${query.interval}s; narrow it or use interval=day` },
      ]);
    }
    const asOf = query.asOf ? new Date(query.asOf) : to;
    const [levelAsOf, series] = await Promise.all([
      this.reads.levelAt(sku.id, location.id, asOf),
      this.reads.series(sku.id, location.id, from, to, query.interval),
    ]);
    return {
      sku: sku.code,
      location: location.code,
      interval: query.interval,
      from: from.toISOString(),
      to: to.toISOString(),
      asOf: asOf.toISOString(),
      levelAsOf,
      series,
    };
  }
}
