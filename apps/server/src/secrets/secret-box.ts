// Seals secrets at rest with AES-256-GCM; the key comes from SUPERSET_GIT_SECRET_KEY or a 0600 key file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Redactor } from './redactor.ts';

const VERSION = 'v1';

export class SecretBox {
  private constructor(
    private readonly key: Buffer,
    private readonly redactor: Redactor,
  ) {}

  /** Uses the configured key, else reads (or creates, 0600) `<dataDir>/secret.key`. */
  static open(options: { dataDir: string; secretKey?: string; redactor: Redactor }): SecretBox {
    if (options.secretKey) {
      return new SecretBox(
        crypto.createHash('sha256').update(options.secretKey, 'utf8').digest(),
        options.redactor,
      );
    }
    const file = path.join(options.dataDir, 'secret.key');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(options.dataDir, { recursive: true });
      fs.writeFileSync(file, crypto.randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    }
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
    return new SecretBox(key, options.redactor);
  }

  seal(plaintext: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      VERSION,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      sealed.toString('base64'),
    ].join(':');
  }

  /** Whether this key opens `sealed` (the plaintext is dropped, not registered anywhere). */
  canOpen(sealed: string): boolean {
    try {
      this.decrypt(sealed);
      return true;
    } catch {
      return false;
    }
  }

  /** Decrypts, and registers the value with the redactor so it can never reach a log. */
  open(sealed: string): string {
    const plaintext = this.decrypt(sealed);
    this.redactor.add(plaintext);
    return plaintext;
  }

  private decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('Unreadable sealed secret');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('A stored secret cannot be decrypted: SUPERSET_GIT_SECRET_KEY or the key file changed');
    }
  }
}

/** How a write-only secret is shown: bullets and at most the last 4 characters. */
export function secretHint(secret: string): string {
  return secret.length >= 8 ? `••••${secret.slice(-4)}` : '••••';
}
