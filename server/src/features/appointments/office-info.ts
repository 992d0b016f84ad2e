import type { AppContext } from '../../platform/context';
import { listOffices } from '../directory';

export interface OfficeInfo {
  slug: string;
  name: string;
  address: string;
}

export type OfficeLookup = (slug: string) => OfficeInfo;

const TTL_MS = 60_000;
const cache = new WeakMap<AppContext, { at: number; offices: Map<string, OfficeInfo> }>();

/**
 * Office names and addresses for confirmations, calendars, offers and spoken answers, read through
 * the directory and kept a minute (like the directory's own snapshot). Callers take the lookup
 * BEFORE opening a transaction: the embedded engine has one session, so a read outside the
 * transaction would wait for it to end.
 */
export async function officeLookup(ctx: AppContext, mustKnow?: string): Promise<OfficeLookup> {
  let entry = cache.get(ctx);
  if (!entry || Date.now() - entry.at > TTL_MS || (mustKnow !== undefined && !entry.offices.has(mustKnow))) {
    const list = await listOffices(ctx);
    entry = { at: Date.now(), offices: new Map(list.map((o) => [o.slug, { slug: o.slug, name: o.name, address: o.address }])) };
    cache.set(ctx, entry);
  }
  const offices = entry.offices;
  return (slug) => offices.get(slug) ?? { slug, name: slug, address: '' };
}
