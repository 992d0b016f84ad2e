import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import { idempotency } from './tables';

/**
 * Idempotency-Key for POST /appointments (draft-ietf-httpapi-idempotency-key-header): the first
 * request with a key books and stores its 201 body; a replay with the same key and body gets the
 * same body and books nothing; the same key with another body is refused. The claim is a row
 * inserted in the booking's own transaction, so a concurrent replay waits on its unique key until
 * the first commits (and then replays) or rolls back (and then books itself).
 *
 * The body holds the booking code, which is otherwise never stored: it is kept encrypted
 * (AES-256-GCM) under a key derived from the client's Idempotency-Key, and the row is found by
 * a hash of that key, so the table alone reveals no code.
 */
export const KEEP_HOURS = 24;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const keyHashOf = (key: string) => sha256(`appointments:${key}`);
const cipherKey = (key: string) => Buffer.from(hkdfSync('sha256', key, 'sportello-appointments', 'idempotent-response', 32));

export function requestHash(body: unknown): string {
  return sha256(JSON.stringify(body));
}

/** Claims the key; a replay answers its stored body. */
export async function claimKey(tx: Db, key: string, hash: string): Promise<{ replay: unknown } | null> {
  const keyHash = keyHashOf(key);
  const claimed = await tx.insert(idempotency).values({ keyHash, requestHash: hash }).onConflictDoNothing().returning({ keyHash: idempotency.keyHash });
  if (claimed.length) return null;
  const [row] = await tx.select().from(idempotency).where(eq(idempotency.keyHash, keyHash));
  if (!row || row.requestHash !== hash || !row.response) {
    throw new AppError('appointments.idempotency_mismatch', 'This Idempotency-Key was already used with a different request.');
  }
  return { replay: JSON.parse(decrypt(key, row.response)) };
}

export async function storeResponse(tx: Db, key: string, body: unknown): Promise<void> {
  await tx.update(idempotency).set({ response: encrypt(key, JSON.stringify(body)) }).where(eq(idempotency.keyHash, keyHashOf(key)));
}

export async function purgeKeys(db: Db, now = new Date()): Promise<number> {
  const rows = await db.delete(idempotency).where(lt(idempotency.createdAt, new Date(now.getTime() - KEEP_HOURS * 3_600_000))).returning({ k: idempotency.keyHash });
  return rows.length;
}

function encrypt(key: string, text: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', cipherKey(key), iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function decrypt(key: string, data: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', cipherKey(key), data.subarray(0, 12));
  decipher.setAuthTag(data.subarray(12, 28));
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
}
