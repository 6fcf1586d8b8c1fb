import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../../../shared/database';
import { requestContext } from '../../../../shared/http/request-context';
import { counter } from '../../../../shared/metrics';
import { Outbox } from '../../../../shared/outbox/outbox';
import { AuditTrail } from '../../../identity';
import { SequencedMovement, applyInSequence } from '../../domain/movement-rules';
import { Buckets } from '../../domain/stock-level';
import { ExistingMovement, LedgerRow, MovementLedgerRepository } from '../../infrastructure/movement-ledger.repository';
import { EntityRef, RecordMovementCommand, RecordMovementOutcome, RecordMovementsOptions } from './record-movements.types';

const movementsRecorded = counter('stockpulse_movements_recorded_total', 'Movements written to the ledger', ['type']);
const movementsRefused = counter(
  'stockpulse_movements_not_recorded_total',
  'Movements handed to inventory and not written (duplicate or rejected)',
  ['outcome'],
);

/** Raised when a concurrent batch wrote one of our (source, external id) pairs first: the batch is redone. */
class ConcurrentDuplicateError extends Error {}

const RETRYABLE_PG_CODES = new Set(['40P01', '40001']);
/** numeric_value_out_of_range: a bucket would pass 2^31 - 1; the careful path refuses the item instead */
const OUT_OF_RANGE = '22003';
/** Movements whose effect depends on the current level: a batch with one takes the careful path. */
const STATEFUL_TYPES = new Set(['count', 'hold', 'release']);
const MAX_ATTEMPTS = 5;

const pairKey = (skuId: string, locationId: string) => `${skuId}|${locationId}`;
const idKey = (source: string, externalId: string) => `${source}\u0000${externalId}`;

/** The fields that make two movements with the same (source, external id) the same movement. */
function sameMovement(c: RecordMovementCommand, e: ExistingMovement): string[] {
  const differences: string[] = [];
  if (c.sku.id !== e.skuId) differences.push('sku');
  if (c.location.id !== e.locationId) differences.push('location');
  if (c.type !== e.type) differences.push('type');
  if (c.unitQuantity !== e.unitQuantity) differences.push('quantity');
  if ((c.unit ?? null) !== (e.unit ?? null)) differences.push('unit');
  if (c.occurredAt.getTime() !== new Date(e.occurredAt).getTime()) differences.push('occurredAt');
  if ((c.reason ?? null) !== (e.reason ?? null)) differences.push('reason');
  if ((c.peerLocation?.id ?? null) !== (e.peerLocationId ?? null)) differences.push('toLocation/fromLocation');
  if (!!c.fromOrder !== e.fromOrder) differences.push('fromOrder');
  return differences;
}

function asExisting(c: RecordMovementCommand, id: string): ExistingMovement {
  return {
    id,
    source: c.source,
    externalId: c.externalId,
    skuId: c.sku.id,
    locationId: c.location.id,
    type: c.type,
    unit: c.unit ?? null,
    unitQuantity: c.unitQuantity,
    occurredAt: c.occurredAt,
    reason: c.reason ?? null,
    peerLocationId: c.peerLocation?.id ?? null,
    fromOrder: !!c.fromOrder,
  };
}

/** The SKU x locations a batch touches (a transfer_out also its destination), in (sku_id, location_id) order. */
function touchedLevels(commands: RecordMovementCommand[]): { skuId: string; locationId: string }[] {
  const pairs = new Map<string, { skuId: string; locationId: string }>();
  for (const c of commands) {
    pairs.set(pairKey(c.sku.id, c.location.id), { skuId: c.sku.id, locationId: c.location.id });
    if (c.type === 'transfer_out' && c.peerLocation) {
      pairs.set(pairKey(c.sku.id, c.peerLocation.id), { skuId: c.sku.id, locationId: c.peerLocation.id });
    }
  }
  return [...pairs.values()].sort((a, b) =>
    a.skuId === b.skuId ? (a.locationId < b.locationId ? -1 : 1) : a.skuId < b.skuId ? -1 : 1,
  );
}

/** A ledger row of a movement, built in one literal (one shape for every row: thousands per batch). */
function ledgerRow(
  c: RecordMovementCommand,
  leg: LedgerRow['leg'],
  locationId: string,
  deltas: Buckets,
  countedValue: number | null,
  peerLocationId: string | null,
  occurredAt: string,
): LedgerRow {
  return {
    skuId: c.sku.id,
    locationId,
    type: c.type,
    leg,
    quantity: c.quantity,
    deltas,
    countedValue,
    unit: c.unit ?? null,
    unitQuantity: c.unitQuantity,
    peerLocationId,
    fromOrder: !!c.fromOrder,
    source: c.source,
    externalId: c.externalId,
    reason: c.reason ?? null,
    occurredAt,
  };
}

/**
 * Writes a batch of movements to the ledger and moves the stock levels by exactly what was written, in one
 * transaction, with one outbox event listing every changed SKU x location and one audit entry for the batch.
 *
 * Per item: `created`, `duplicate` (the same (source, external id) with the same content: nothing changes) or
 * `rejected` (the same pair with different content, or a hold/release the stock does not allow).
 * Items are applied in the order given, so a count or hold sees the movements before it in the batch.
 */
@Injectable()
export class RecordMovementsUseCase {
  constructor(
    private readonly db: Database,
    private readonly ledger: MovementLedgerRepository,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async execute(commands: RecordMovementCommand[], options: RecordMovementsOptions = {}): Promise<RecordMovementOutcome[]> {
    const actor = requestContext.actor();
    const recordedBy = options.recordedBy ?? (actor.kind === 'system' ? 'system' : `${actor.kind}:${actor.name}`);
    let careful = commands.some((c) => STATEFUL_TYPES.has(c.type));
    for (let attempt = 1; ; attempt++) {
      try {
        const outcomes = await this.db.transaction(async (em) => {
          const result = await this.write(em, commands, recordedBy, careful);
          await options.within?.(em, result);
          return result;
        });
        this.count(commands, outcomes);
        return outcomes;
      } catch (e) {
        const code = (e as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (e as { code?: string }).code;
        const redo = e instanceof ConcurrentDuplicateError || (code === OUT_OF_RANGE && !careful);
        const retryable = redo || (code !== undefined && RETRYABLE_PG_CODES.has(code));
        if (!retryable || attempt >= MAX_ATTEMPTS) throw e;
        if (redo) careful = true;
      }
    }
  }

  private count(commands: RecordMovementCommand[], outcomes: RecordMovementOutcome[]): void {
    const byType = new Map<string, number>();
    let duplicates = 0;
    let rejected = 0;
    outcomes.forEach((o, i) => {
      if (o.status === 'created') byType.set(commands[i].type, (byType.get(commands[i].type) ?? 0) + 1);
      else if (o.status === 'duplicate') duplicates++;
      else rejected++;
    });
    byType.forEach((n, type) => movementsRecorded.inc({ type }, n));
    if (duplicates) movementsRefused.inc({ outcome: 'duplicate' }, duplicates);
    if (rejected) movementsRefused.inc({ outcome: 'rejected' }, rejected);
  }

  /**
   * The batch inside the caller's transaction. Two paths:
   * - careful (the batch has a count, hold or release, or a first attempt met a concurrent writer): lock the levels
   *   in key order and read them, look up existing (source, external id) pairs first, apply the rules against the
   *   locked levels; the ledger insert must then write exactly what was decided, or the batch is redone.
   * - fast (only movements whose effect does not depend on the level, the bulk of POS and WMS traffic): no reads
   *   before the insert; the levels are upserted in key order by the same statement that appends to the ledger;
   *   a pair that already existed is classified afterwards (duplicate, or rejected when its content differs).
   *   A bucket that would overflow fails the statement and the batch is redone on the careful path, which refuses
   *   the offending item.
   */
  async write(
    em: EntityManager,
    commands: RecordMovementCommand[],
    recordedBy: string,
    careful: boolean,
  ): Promise<RecordMovementOutcome[]> {
    const outcomes: (RecordMovementOutcome | undefined)[] = new Array(commands.length);

    // 1. careful: lock every SKU x location the batch touches, in key order (creating the missing rows)
    const locked = careful ? await this.ledger.lockLevels(em, touchedLevels(commands)) : [];
    const levels = new Map<string, Buckets>(locked.map((l) => [pairKey(l.skuId, l.locationId), l]));

    // 2. what is already in the ledger under the same (source, external id); then duplicates inside the batch
    const keys = commands.map((c) => idKey(c.source, c.externalId));
    const firstIndex = new Map<string, number>();
    keys.forEach((k, i) => {
      if (!firstIndex.has(k)) firstIndex.set(k, i);
    });
    const existing = new Map<string, ExistingMovement>(
      careful
        ? (await this.ledger.findExisting(em, [...firstIndex.values()].map((i) => commands[i]))).map((m) => [idKey(m.source, m.externalId), m])
        : [],
    );
    const duplicateOf = new Map<number, number>();
    const fresh: number[] = [];
    commands.forEach((c, i) => {
      const k = keys[i];
      const prior = existing.get(k);
      const first = firstIndex.get(k)!;
      const differences = prior ? sameMovement(c, prior) : first !== i ? sameMovement(c, asExisting(commands[first], '')) : null;
      if (differences === null) {
        fresh.push(i);
      } else if (differences.length) {
        outcomes[i] = {
          status: 'rejected',
          errors: [
            {
              path: 'externalId',
              message: `${c.source}/${c.externalId} was already ${prior ? `recorded (movement ${prior.id})` : 'sent earlier in this batch'} with a different ${differences.join(', ')}; a correction is a new movement with its own externalId`,
            },
          ],
        };
      } else if (prior) {
        outcomes[i] = { status: 'duplicate', movementId: prior.id };
      } else {
        duplicateOf.set(i, first);
      }
    });

    // 3. the rules, in order, against the locked levels
    const sequenced: SequencedMovement[] = fresh.map((i) => {
      const c = commands[i];
      return {
        key: pairKey(c.sku.id, c.location.id),
        peerKey: c.type === 'transfer_out' && c.peerLocation ? pairKey(c.sku.id, c.peerLocation.id) : undefined,
        type: c.type,
        quantity: c.quantity,
        fromOrder: c.fromOrder,
      };
    });
    const decisions = applyInSequence(new Map(levels), sequenced);
    const rows: LedgerRow[] = [];
    let written: number[] = [];
    decisions.forEach((d, n) => {
      const i = fresh[n];
      const c = commands[i];
      if (!d.ok) {
        outcomes[i] = { status: 'rejected', errors: [{ path: d.path, message: d.message }] };
        return;
      }
      written.push(i);
      const occurredAt = c.occurredAt.toISOString();
      const { primary, peer, countedValue } = d.effect;
      rows.push(ledgerRow(c, 'primary', c.location.id, primary, countedValue ?? null, c.peerLocation?.id ?? null, occurredAt));
      if (peer && c.peerLocation) rows.push(ledgerRow(c, 'peer', c.peerLocation.id, peer, null, c.location.id, occurredAt));
    });

    // 4. the ledger and the levels, in one statement
    const inserted = await this.ledger.append(em, rows, recordedBy, careful);
    const ids = new Map<string, string>();
    for (const r of inserted) ids.set(idKey(r.source, r.externalId), r.id);
    if (ids.size !== written.length) {
      const missing = written.filter((i) => !ids.has(keys[i]));
      // careful: what was decided must be what was written; fast: a transfer_out's peer leg went in without it
      if (careful || missing.some((i) => commands[i].type === 'transfer_out')) throw new ConcurrentDuplicateError();
      const found = new Map(
        (await this.ledger.findExisting(em, missing.map((i) => commands[i])))
          .map((m) => [idKey(m.source, m.externalId), m] as const),
      );
      for (const i of missing) {
        const c = commands[i];
        const prior = found.get(keys[i]);
        if (!prior) throw new ConcurrentDuplicateError();
        const differences = sameMovement(c, prior);
        outcomes[i] = differences.length
          ? {
              status: 'rejected',
              errors: [
                {
                  path: 'externalId',
                  message: `${c.source}/${c.externalId} was already recorded (movement ${prior.id}) with a different ${differences.join(', ')}; a correction is a new movement with its own externalId`,
                },
              ],
            }
          : { status: 'duplicate', movementId: prior.id };
      }
      written = written.filter((i) => ids.has(keys[i]));
    }
    for (const i of written) outcomes[i] = { status: 'created', movementId: ids.get(keys[i])! };
    duplicateOf.forEach((first, i) => {
      const o = outcomes[first]!;
      outcomes[i] =
        o.status === 'created' || o.status === 'duplicate'
          ? { status: 'duplicate', movementId: o.movementId }
          : { status: 'rejected', errors: o.status === 'rejected' ? o.errors : [] };
    });

    // 5. one event listing the changed SKU x locations; one audit entry for the batch
    if (written.length) {
      const changed = new Map<string, { sku: EntityRef; location: EntityRef; at: Date }>();
      const touch = (sku: EntityRef, location: EntityRef, at: Date) => {
        const seen = changed.get(pairKey(sku.id, location.id));
        if (!seen) changed.set(pairKey(sku.id, location.id), { sku, location, at });
        else if (at > seen.at) seen.at = at;
      };
      for (const i of written) {
        const c = commands[i];
        touch(c.sku, c.location, c.occurredAt);
        if (c.type === 'transfer_out' && c.peerLocation) touch(c.sku, c.peerLocation, c.occurredAt);
      }
      const levels = [...changed.values()].map(({ sku, location, at }) => ({
        skuId: sku.id,
        locationId: location.id,
        skuCode: sku.code,
        locationCode: location.code,
        occurredAt: at.toISOString(),
      }));
      await this.outbox.write(em, 'inventory.stock-levels-changed', { levels });
    }
    const final = outcomes as RecordMovementOutcome[];
    const createdIds = written.map((i) => BigInt((final[i] as { movementId: string }).movementId));
    const minId = createdIds.reduce((a, b) => (b < a ? b : a), createdIds[0] ?? 0n);
    const maxId = createdIds.reduce((a, b) => (b > a ? b : a), createdIds[0] ?? 0n);
    const sources = [...new Set(commands.map((c) => c.source))];
    await this.audit.record(em, {
      action: 'movements.recorded',
      entityType: 'movement-batch',
      entityId: createdIds.length ? `${minId}..${maxId}` : 'none',
      after: {
        received: commands.length,
        created: written.length,
        duplicates: final.filter((o) => o.status === 'duplicate').length,
        rejected: final.filter((o) => o.status === 'rejected').length,
        sources: sources.slice(0, 20),
        externalIds: commands.length
          ? { first: commands[0].externalId, last: commands[commands.length - 1].externalId }
          : null,
        movementIds: createdIds.length ? { first: String(minId), last: String(maxId) } : null,
        recordedBy,
      },
    });
    return final;
  }
}
