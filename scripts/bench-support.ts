/** What the benchmark scripts share: their settings, the database they create, and percentiles. */
import { Client } from 'pg';

/** A setting from the environment, or its default. */
export const env = (name: string, fallback: string) => process.env[name] ?? fallback;

/** Creates the database of `url` when it does not exist yet (a benchmark database is its own). */
export async function ensureDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
}

/** The p-th percentile (nearest rank) of values sorted ascending. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
