import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'sp_session';
export const BCRYPT_COST = 10;
const API_KEY_PREFIX_LENGTH = 10;

export function sha256(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** A session token: 32 random bytes, base64url. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** An API key: `sp_` + 32 random bytes base64url, and the short prefix shown in lists to recognise it. */
export function newApiKey(): { key: string; prefix: string } {
  const key = `sp_${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX_LENGTH) };
}

/** A generated password: 24 characters from an unambiguous alphabet (~138 bits). */
export function newPassword(length = 24): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    // rejection sampling keeps every character equally likely
    if (bytes[i] < 256 - (256 % alphabet.length)) out += alphabet[bytes[i] % alphabet.length];
  }
  return out.length === length ? out : newPassword(length);
}
