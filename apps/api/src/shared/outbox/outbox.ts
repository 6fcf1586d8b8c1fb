import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { afterCommit } from '../database';
import { EventName, EventPayloads } from '../queue/job-catalogue';

type Listener = () => void;

/**
 * Domain events are rows written in the same transaction as the change that caused them, and relayed to the
 * queue after commit (OutboxRelay). A rolled-back transaction leaves no event; a crash after commit loses none.
 */
@Injectable()
export class Outbox {
  private readonly listeners = new Set<Listener>();

  async write<E extends EventName>(em: EntityManager, event: E, payload: EventPayloads[E]): Promise<void> {
    // not through writeMany: a large payload (a movement batch's levels) costs much more as an element of a jsonb[]
    await em.query(`INSERT INTO platform.outbox (event, payload) VALUES ($1, $2::jsonb)`, [event, JSON.stringify(payload)]);
    afterCommit(em, () => this.notify());
  }

  async writeMany<E extends EventName>(em: EntityManager, events: { event: E; payload: EventPayloads[E] }[]): Promise<void> {
    if (!events.length) return;
    await em.query(
      `INSERT INTO platform.outbox (event, payload)
       SELECT e, p FROM unnest($1::text[], $2::jsonb[]) AS t(e, p)`,
      [events.map((e) => e.event), events.map((e) => JSON.stringify(e.payload))],
    );
    afterCommit(em, () => this.notify());
  }

  private notify(): void {
    this.listeners.forEach((l) => l());
  }

  /** The relay subscribes here to be woken right after a commit that wrote events. */
  onCommitted(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
