/** jsonb comes back parsed from Postgres and as text from some drivers: the value either way. */
export const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
