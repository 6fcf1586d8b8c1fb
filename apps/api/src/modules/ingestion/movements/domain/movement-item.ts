import { z } from 'zod';
import { movementItemSchema } from '@stockpulse/contracts';

/**
 * The item schema of movement intake with a generated fast path (z.compile): a valid item is parsed without zod's
 * general machinery (a batch holds up to 10,000), anything else goes through the schema as written, so the errors
 * are the schema's own.
 */
export const movementItem = z.compile(movementItemSchema);
