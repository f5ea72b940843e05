// Random session ids and API tokens, and the hashes under which they are stored.
import crypto from 'node:crypto';

const API_TOKEN_PREFIX = 'sgt_';

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function newApiToken(): string {
  return API_TOKEN_PREFIX + randomToken();
}

export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value, 'utf8').digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(sha256(a), 'hex');
  const right = Buffer.from(sha256(b), 'hex');
  return crypto.timingSafeEqual(left, right);
}
