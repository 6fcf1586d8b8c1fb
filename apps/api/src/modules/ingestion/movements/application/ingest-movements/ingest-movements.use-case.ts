import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MovementBatchResult, MovementItem, MovementItemResult } from '@stockpulse/contracts';
import type { FieldError } from '../../../../../shared/errors';
import { requestContext } from '../../../../../shared/http/request-context';
import { zodIssuesToFieldErrors } from '../../../../../shared/http/zod';
import { CatalogFacade } from '../../../../catalog';
import { InventoryFacade, RecordMovementCommand, RecordMovementOutcome } from '../../../../inventory';
import { movementItem } from '../../domain/movement-item';
import { toBaseQuantity } from '../../domain/unit-conversion';
import { DeadLetterRepository, NewDeadLetter, stringField } from '../../infrastructure/dead-letter.repository';

export interface IngestOptions {
  /**
   * The path of item i in error messages: `items.3` by default (a REST batch: `items.3.quantity`); a CSV import
   * passes e.g. `(i) => \`rows.${i + 2}\``, a replay `() => 'payload'`.
   */
  itemPath?: (index: number) => string;
  /**
   * What to do with refused items inside the transaction. Default: store each as a dead letter. A replay passes
   * its own handler (the dead letter exists already).
   */
  onRefused?: (em: EntityManager, refused: { index: number; letter: NewDeadLetter }[]) => Promise<(string | undefined)[]>;
  /** runs inside the transaction with the results (a replay marks its dead letter here) */
  within?: (em: EntityManager, results: MovementItemResult[]) => Promise<void>;
}

/**
 * Movement intake: validates each raw item on its own (zod), resolves SKU and location codes, converts units,
 * hands the clean ones to inventory in one batch and stores every refused one as a dead letter, all in one
 * transaction. Answers per item: created, duplicate or rejected (with the path and reason of each error).
 *
 * Used by POST /api/v1/movements, by the CSV import of movements and by the replay of a dead letter.
 */
@Injectable()
export class IngestMovementsUseCase {
  constructor(
    private readonly catalog: CatalogFacade,
    private readonly inventory: InventoryFacade,
    private readonly deadLetters: DeadLetterRepository,
  ) {}

  async execute(items: readonly unknown[], options: IngestOptions = {}): Promise<MovementBatchResult> {
    const itemPath = options.itemPath ?? ((i: number) => `items.${i}`);
    const results: MovementItemResult[] = new Array(items.length);
    const errors: (FieldError[] | undefined)[] = new Array(items.length);
    const parsed: (MovementItem | undefined)[] = new Array(items.length);

    // 1. each item on its own
    const skuCodes = new Set<string>();
    const locationCodes = new Set<string>();
    items.forEach((raw, i) => {
      const r = movementItem.safeParse(raw);
      if (!r.success) {
        errors[i] = zodIssuesToFieldErrors(r.error, itemPath(i));
        return;
      }
      parsed[i] = r.data;
      skuCodes.add(r.data.sku);
      locationCodes.add(r.data.location);
      if (r.data.toLocation) locationCodes.add(r.data.toLocation);
      if (r.data.fromLocation) locationCodes.add(r.data.fromLocation);
    });

    // 2. codes and units
    const [skus, locations] = await Promise.all([
      skuCodes.size ? this.catalog.resolveSkus([...skuCodes]) : new Map(),
      locationCodes.size ? this.catalog.resolveLocations([...locationCodes]) : new Map(),
    ]);
    const commands: RecordMovementCommand[] = [];
    const commandIndex: number[] = [];
    parsed.forEach((m, i) => {
      if (!m) return;
      const bad: FieldError[] = [];
      const at = (field: string) => `${itemPath(i)}.${field}`;
      const sku = skus.get(m.sku);
      if (!sku) bad.push({ path: at('sku'), message: `unknown SKU ${m.sku}` });
      const location = locations.get(m.location);
      if (!location) bad.push({ path: at('location'), message: `unknown location ${m.location}` });
      const peerCode = m.toLocation ?? m.fromLocation;
      const peer = peerCode ? locations.get(peerCode) : undefined;
      if (peerCode && !peer) {
        bad.push({ path: at(m.toLocation ? 'toLocation' : 'fromLocation'), message: `unknown location ${peerCode}` });
      }
      let quantity = m.quantity;
      if (sku) {
        const converted = toBaseQuantity(m.quantity, m.unit, sku);
        if (converted.ok) quantity = converted.quantity;
        else bad.push({ path: at(converted.path), message: converted.message });
      }
      if (bad.length || !sku || !location) {
        errors[i] = bad;
        return;
      }
      commandIndex.push(i);
      commands.push({
        source: m.source,
        externalId: m.externalId,
        sku: { id: sku.id, code: sku.code },
        location: { id: location.id, code: location.code },
        type: m.type,
        quantity,
        unit: m.unit ?? null,
        unitQuantity: m.quantity,
        occurredAt: new Date(m.occurredAt),
        reason: m.reason ?? null,
        peerLocation: peer ? { id: peer.id, code: peer.code } : null,
        fromOrder: m.fromOrder ?? false,
      });
    });

    // 3. inventory writes what it accepts; what anyone refused is kept, in the same transaction
    const actor = requestContext.actor();
    const receivedBy = actor.kind === 'system' ? 'system' : `${actor.kind}:${actor.name}`;
    await this.inventory.recordMovements(commands, {
      within: async (em, outcomes: RecordMovementOutcome[]) => {
        outcomes.forEach((o, n) => {
          const i = commandIndex[n];
          if (o.status === 'rejected') {
            errors[i] = o.errors.map((e) => ({ path: `${itemPath(i)}.${e.path}`, message: e.message }));
          } else {
            results[i] = { index: i, status: o.status, movementId: o.movementId };
          }
        });
        const refused: { index: number; letter: NewDeadLetter }[] = [];
        errors.forEach((reason, i) => {
          if (!reason) return;
          const raw = items[i];
          refused.push({
            index: i,
            letter: { source: stringField(raw, 'source'), externalId: stringField(raw, 'externalId'), payload: raw, reason },
          });
        });
        const ids = options.onRefused
          ? await options.onRefused(em, refused)
          : await this.deadLetters.insertMany(em, refused.map((r) => r.letter), receivedBy);
        refused.forEach((r, n) => {
          results[r.index] = { index: r.index, status: 'rejected', errors: r.letter.reason, ...(ids[n] ? { deadLetterId: ids[n] } : {}) };
        });
        await options.within?.(em, results);
      },
    });

    const summary = { created: 0, duplicates: 0, rejected: 0 };
    for (const r of results) {
      if (r.status === 'created') summary.created++;
      else if (r.status === 'duplicate') summary.duplicates++;
      else summary.rejected++;
    }
    return { summary, items: results };
  }
}
