import type { Page } from '@stockpulse/contracts';

/**
 * Offset pagination behind an opaque cursor. `cursor` wins over `offset`; `nextCursor` is null on the last page.
 */
export function decodeCursor(cursor: string | undefined, offset: number | undefined): number {
  if (cursor) {
    const n = Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^o:/, ''));
    return Number.isInteger(n) && n >= 0 ? n : 0;
  }
  return offset ?? 0;
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

export function page<T>(items: T[], total: number, offset: number, limit: number): Page<T> {
  const next = offset + items.length;
  return { items, total, nextCursor: items.length === limit && next < total ? encodeCursor(next) : null };
}
