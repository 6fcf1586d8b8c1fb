import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFileIn, SecretBox, SecretBoxError } from './secret-box';

const OLD = 'an-old-key-that-is-at-least-32-characters';
const NEW = 'a-new-key-that-is-at-least-32-characters!';

describe('SecretBox', () => {
  it('seals so the value is not in the output, and opens what it sealed', () => {
    const box = new SecretBox(NEW);
    const sealed = box.seal('whsec_abc', 'webhook');
    expect(sealed).not.toContain('whsec_abc');
    expect(sealed.startsWith(box.currentPrefix)).toBe(true);
    expect(box.seal('whsec_abc', 'webhook')).not.toBe(sealed); // a fresh IV each time
    expect(box.open(sealed, 'webhook')).toBe('whsec_abc');
  });

  it('refuses a value sealed for another purpose, altered, or sealed with a key it does not hold', () => {
    const box = new SecretBox(NEW);
    const sealed = box.seal('whsec_abc', 'webhook');
    expect(() => box.open(sealed, 'other')).toThrow(SecretBoxError);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('whsec_xyz').toString('base64url');
    expect(() => box.open(parts.join('.'), 'webhook')).toThrow(SecretBoxError);
    expect(() => new SecretBox(OLD).open(sealed, 'webhook')).toThrow(/neither SECRET_KEY nor SECRET_KEY_PREVIOUS/);
    expect(() => box.open('whsec_in_clear', 'webhook')).toThrow(SecretBoxError);
  });

  it('after a rotation, opens values of the previous key and seals with the new one', () => {
    const sealedOld = new SecretBox(OLD).seal('whsec_abc', 'webhook');
    const rotated = new SecretBox(NEW, OLD);
    expect(rotated.open(sealedOld, 'webhook')).toBe('whsec_abc');
    expect(sealedOld.startsWith(rotated.currentPrefix)).toBe(false);
    expect(rotated.seal('x', 'webhook').startsWith(rotated.currentPrefix)).toBe(true);
  });

  it('makes one key file, readable by its owner only, and every later start reads the same key', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sp-key-')), 'data');
    const first = keyFileIn(dir);
    const second = keyFileIn(dir);
    expect(first.created).toBe(true);
    expect(second).toEqual({ key: first.key, created: false });
    expect(Buffer.from(first.key, 'base64')).toHaveLength(32);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim()).toBe(first.key);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
  });
});
