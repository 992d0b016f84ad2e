/**
 * API keys of the apps that post Open311 requests (GeoReport v2 requires an api_key on POST).
 * Administrators register an app and get its key once; only its SHA-256 is stored, like staff
 * session tokens, so a leaked table gives no usable key.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { Principal } from '../../platform/http/access';
import { recordAudit } from '../identity';
import { open311ApiKeys } from './tables';

/** The demo city's key (api-contract.md "Open311"); loaded only with the demo city. */
export const DEMO_API_KEY = 'demo-open311-key';

const hashOf = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export interface ApiKeyView {
  id: string;
  name: string;
  contact: string | null;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const view = (r: typeof open311ApiKeys.$inferSelect): ApiKeyView => ({
  id: r.id,
  name: r.name,
  contact: r.contact,
  prefix: r.keyPrefix,
  createdAt: r.createdAt,
  revokedAt: r.revokedAt,
});

export async function issueApiKey(ctx: AppContext, input: { name: string; contact?: string | undefined }, by: Principal, requestId: string) {
  const key = `o311_${randomBytes(24).toString('base64url')}`;
  const id = randomUUID();
  return ctx.transact(async (tx, emit) => {
    const [row] = await tx
      .insert(open311ApiKeys)
      .values({ id, name: input.name, contact: input.contact ?? null, keyHash: hashOf(key), keyPrefix: key.slice(0, 9), createdBy: by.userId })
      .returning();
    await recordAudit(tx, { actorId: by.userId, actorName: by.username, requestId }, { action: 'create', subjectKind: 'open311_api_key', subjectId: id });
    emit('open311_key.issued', { keyId: id });
    return { ...view(row!), key };
  });
}

export async function listApiKeys(ctx: AppContext): Promise<ApiKeyView[]> {
  return (await ctx.db.select().from(open311ApiKeys).orderBy(desc(open311ApiKeys.createdAt))).map(view);
}

export async function revokeApiKey(ctx: AppContext, id: string, by: Principal, requestId: string): Promise<void> {
  await ctx.transact(async (tx, emit) => {
    const rows = await tx.update(open311ApiKeys).set({ revokedAt: new Date() }).where(and(eq(open311ApiKeys.id, id), isNull(open311ApiKeys.revokedAt))).returning({ id: open311ApiKeys.id });
    if (!rows.length) throw new AppError('open311.key_not_found', `No active API key ${id}.`);
    await recordAudit(tx, { actorId: by.userId, actorName: by.username, requestId }, { action: 'delete', subjectKind: 'open311_api_key', subjectId: id });
    emit('open311_key.revoked', { keyId: id });
  });
}

/** The id of the app holding this key, or null (unknown or revoked). */
export async function verifyApiKey(db: Db, key: string): Promise<string | null> {
  if (!key || key.length > 200) return null;
  const [row] = await db.select({ id: open311ApiKeys.id }).from(open311ApiKeys).where(and(eq(open311ApiKeys.keyHash, hashOf(key)), isNull(open311ApiKeys.revokedAt))).limit(1);
  return row?.id ?? null;
}

/** The demo city's app and key; idempotent. */
export async function insertDemoApiKey(tx: Db): Promise<number> {
  const rows = await tx
    .insert(open311ApiKeys)
    .values({ id: randomUUID(), name: 'Demo app', contact: null, keyHash: hashOf(DEMO_API_KEY), keyPrefix: DEMO_API_KEY.slice(0, 9) })
    .onConflictDoNothing({ target: open311ApiKeys.keyHash })
    .returning({ id: open311ApiKeys.id });
  return rows.length;
}
