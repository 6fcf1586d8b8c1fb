import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VERSION = 'sb1';
const ALGORITHM = 'aes-256-gcm';

export class SecretBoxError extends Error {}

interface Key {
  id: string;
  bytes: Buffer;
}

/** Any high-entropy string becomes an AES-256 key; its id (a hash, not the key) tells which key sealed a value. */
function deriveKey(material: string): Key {
  const bytes = Buffer.from(hkdfSync('sha256', material, 'stockpulse', 'secret-box v1', 32));
  return { id: createHash('sha256').update('key id').update(bytes).digest('hex').slice(0, 8), bytes };
}

/**
 * Seals secrets the application must read back (webhook secrets sign every call, so they cannot be hashed):
 * AES-256-GCM, `sb1.<key id>.<iv>.<tag>.<ciphertext>`. `purpose` is bound into each value, so a value sealed
 * for one use does not open as another.
 */
export class SecretBox {
  private readonly current: Key;
  private readonly keys: Map<string, Key>;

  constructor(current: string, previous?: string) {
    this.current = deriveKey(current);
    this.keys = new Map([this.current, ...(previous ? [deriveKey(previous)] : [])].map((k) => [k.id, k]));
  }

  seal(plain: string, purpose: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.current.bytes, iv);
    cipher.setAAD(Buffer.from(purpose));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, this.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string, purpose: string): string {
    const [version, keyId, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || body === undefined) throw new SecretBoxError('not a sealed value');
    const key = this.keys.get(keyId);
    if (!key) throw new SecretBoxError(`sealed with key ${keyId}, which is neither SECRET_KEY nor SECRET_KEY_PREVIOUS`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key.bytes, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError(`sealed value for ${purpose} does not open with key ${keyId} (altered or sealed for another use)`);
    }
  }

  isSealed(value: string): boolean {
    return value.startsWith(`${VERSION}.`);
  }

  /** How every value sealed with the current key starts (a value without it is to be re-sealed). */
  get currentPrefix(): string {
    return `${VERSION}.${this.current.id}.`;
  }
}

/**
 * The key of a deployment that set no SECRET_KEY: made once in `dataDir` and read from there after. Several
 * processes may start at once: the file appears whole (written aside, then linked) and the first link wins.
 */
export function keyFileIn(dataDir: string): { key: string; created: boolean } {
  const path = join(dataDir, 'secret.key');
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(aside, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    try {
      linkSync(aside, path);
      return { key: readFileSync(path, 'utf8').trim(), created: true };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkSync(aside);
    }
  }
  return { key: readFileSync(path, 'utf8').trim(), created: false };
}
