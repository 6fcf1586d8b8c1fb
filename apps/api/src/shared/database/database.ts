import { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { Mutex } from './mutex';

type AfterCommit = () => void | Promise<void>;
const afterCommitHooks = new WeakMap<EntityManager, AfterCommit[]>();

/**
 * The way every context reaches the database. One transaction per use case: `transaction(fn)` gives `fn` an
 * EntityManager; whatever `fn` schedules with `afterCommit(em, ...)` runs only once the commit has succeeded.
 *
 * The embedded PGlite database is a single connection shared by everyone, so there every transaction and
 * every query is serialised; on Postgres they run concurrently on the pool.
 */
export class Database {
  private readonly lock?: Mutex;

  constructor(
    readonly dataSource: DataSource,
    readonly embedded: boolean,
  ) {
    if (embedded) this.lock = new Mutex();
  }

  async transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    let hooks: AfterCommit[] = [];
    const run = () =>
      this.dataSource.transaction(async (em) => {
        const result = await fn(em);
        hooks = afterCommitHooks.get(em) ?? [];
        return result;
      });
    const result = this.lock ? await this.lock.run(run) : await run();
    for (const hook of hooks) {
      try {
        await hook();
      } catch {
        // an after-commit hook is best effort by design (the outbox poller catches up); it never fails the caller
      }
    }
    return result;
  }

  /** A read (or a single statement) outside a transaction. */
  async query<T extends ObjectLiteral = ObjectLiteral>(sql: string, params: unknown[] = []): Promise<T[]> {
    const run = () => this.dataSource.query(sql, params) as Promise<T[]>;
    return this.lock ? this.lock.run(run) : run();
  }

  /** Run `fn` with the plain (non-transactional) manager; serialised in embedded mode like everything else. */
  async read<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const run = () => fn(this.dataSource.manager);
    return this.lock ? this.lock.run(run) : run();
  }
}

/** Schedules `hook` to run after the transaction that owns `em` commits (never if it rolls back). */
export function afterCommit(em: EntityManager, hook: AfterCommit): void {
  const hooks = afterCommitHooks.get(em) ?? [];
  hooks.push(hook);
  afterCommitHooks.set(em, hooks);
}
