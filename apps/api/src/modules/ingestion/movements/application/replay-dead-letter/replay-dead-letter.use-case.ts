import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { DeadLetter, DeadLetterListQuery, DeadLetterReplayResult, MovementItemResult, Page } from '@stockpulse/contracts';
import { ConflictError, NotFoundError } from '../../../../../shared/errors';
import { requestContext } from '../../../../../shared/http/request-context';
import { decodeCursor, page } from '../../../../../shared/http/pagination';
import { AuditTrail } from '../../../../identity';
import { DeadLetterRepository } from '../../infrastructure/dead-letter.repository';
import { IngestMovementsUseCase } from '../ingest-movements/ingest-movements.use-case';

export class DeadLetterNotFoundError extends NotFoundError {}
export class DeadLetterAlreadyReplayedError extends ConflictError {}

/**
 * Lists what intake refused, and replays one: the stored payload, or a corrected one, goes through intake again.
 * Accepted (created, or a duplicate of what is already recorded): the letter is marked replayed. Refused again:
 * the letter stays pending with the payload tried last and the new reason (no second letter is made).
 */
@Injectable()
export class ReplayDeadLetterUseCase {
  constructor(
    private readonly deadLetters: DeadLetterRepository,
    private readonly ingest: IngestMovementsUseCase,
    private readonly audit: AuditTrail,
  ) {}

  async list(query: DeadLetterListQuery): Promise<Page<DeadLetter>> {
    const offset = decodeCursor(query.cursor, query.offset);
    const { items, total } = await this.deadLetters.list(query, offset);
    return page(items, total, offset, query.limit);
  }

  async execute(id: string, correctedPayload?: unknown): Promise<DeadLetterReplayResult> {
    if (!/^\d{1,18}$/.test(id)) throw new DeadLetterNotFoundError(`There is no dead letter ${id}.`);
    const stored = await this.deadLetters.get(id);
    if (!stored) throw new DeadLetterNotFoundError(`There is no dead letter ${id}.`);
    this.assertPending(stored);
    const item = correctedPayload ?? stored.payload;
    const actor = requestContext.actor();
    const by = actor.kind === 'system' ? 'system' : `${actor.kind}:${actor.name}`;
    let deadLetter: DeadLetter = stored;
    let result: MovementItemResult | undefined;

    // inside the intake transaction: lock the letter (a concurrent replay of it waits, then gets 409)
    const lock = async (em: EntityManager) => {
      const locked = await this.deadLetters.findForUpdate(em, id);
      if (!locked) throw new DeadLetterNotFoundError(`There is no dead letter ${id}.`);
      this.assertPending(locked);
    };
    await this.ingest.execute([item], {
      itemPath: () => 'payload',
      onRefused: async (em, refused) => {
        await lock(em);
        if (!refused.length) return [];
        deadLetter = await this.deadLetters.refusedAgain(em, id, item, refused[0].letter.reason);
        return [id];
      },
      within: async (em, results) => {
        result = results[0];
        if (result.status !== 'rejected') {
          deadLetter = await this.deadLetters.markReplayed(em, id, item, result.movementId!, by);
        }
        await this.audit.record(em, {
          action: 'dead-letter.replayed',
          entityType: 'dead-letter',
          entityId: id,
          before: { status: stored.status, reason: stored.reason },
          after: { result: result.status, movementId: result.movementId ?? null, corrected: correctedPayload !== undefined },
        });
      },
    });
    return { deadLetter, result: result! };
  }

  private assertPending(letter: DeadLetter): void {
    if (letter.status === 'replayed') {
      throw new DeadLetterAlreadyReplayedError(
        `Dead letter ${letter.id} was already replayed (movement ${letter.replayMovementId}).`,
      );
    }
  }
}
