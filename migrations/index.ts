/**
 * Every migration, in order. A new migration is a file `<timestamp>-<Context><Change>.ts` in this folder and a
 * line here; the list is explicit so the same build runs on Postgres, on PGlite and under the test runner.
 */
import { PlatformInit1763800000000 } from './1763800000000-PlatformInit';
import { IdentityInit1763800100000 } from './1763800100000-IdentityInit';

export const MIGRATIONS = [
  PlatformInit1763800000000,
  IdentityInit1763800100000,
];
