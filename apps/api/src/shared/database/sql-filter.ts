/**
 * The WHERE clause of a list query, built from optional filters: `add('k.code = ?', code)` numbers each `?` as the
 * next `$n` and keeps its value, so lists never splice a client's text into SQL. `where` is '' without filters;
 * `next()` numbers a further parameter (LIMIT, OFFSET) after the filters' own.
 */
export class SqlFilter {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  add(sql: string, ...values: unknown[]): this {
    let s = sql;
    for (const v of values) {
      this.params.push(v);
      s = s.replace('?', `$${this.params.length}`);
    }
    this.conditions.push(s);
    return this;
  }

  get where(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }

  /** `$n` of the k-th parameter after the filters' (k = 1, 2, ...) */
  next(k: number): string {
    return `$${this.params.length + k}`;
  }
}
