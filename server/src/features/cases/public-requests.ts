/**
 * Cases as the public sees them (Open311 GET requests): never the requester, never internal notes,
 * and nothing of "blackbox" services, whose requests are not tracked publicly (GeoReport v2).
 */
import { and, desc, eq, gte, inArray, lt, ne, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { caseNotes, caseServices, caseStatusHistory, cases, type CaseStatus, type Texts } from './tables';

export interface PublicRequestFilter {
  numbers?: readonly number[] | undefined;
  serviceCodes?: readonly string[] | undefined;
  /** requested_at in [from, to). */
  from?: Date | undefined;
  to?: Date | undefined;
  statuses?: readonly ('open' | 'closed')[] | undefined;
  limit: number;
  offset: number;
}

export interface PublicRequestRow {
  id: string;
  number: number;
  status: CaseStatus;
  statusNotes: string | null;
  serviceCode: string;
  serviceNames: Texts;
  serviceNotices: Texts;
  department: string;
  description: string | null;
  requestedAt: Date;
  updatedAt: Date;
  expectedAt: Date | null;
  address: string | null;
  addressId: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  mediaUrl: string | null;
}

const columns = {
  id: cases.id,
  number: cases.number,
  status: cases.status,
  statusNotes: cases.statusNotes,
  serviceCode: cases.serviceCode,
  serviceNames: caseServices.names,
  serviceNotices: caseServices.notices,
  department: cases.department,
  description: cases.description,
  requestedAt: cases.requestedAt,
  updatedAt: cases.updatedAt,
  expectedAt: cases.expectedAt,
  address: cases.address,
  addressId: cases.addressId,
  zipcode: cases.zipcode,
  lat: cases.lat,
  long: cases.long,
  mediaUrl: cases.mediaUrl,
};

const OPEN: CaseStatus[] = ['open', 'acknowledged', 'in_progress'];
const CLOSED: CaseStatus[] = ['closed', 'rejected'];

/** Newest first. A list of numbers overrides every other filter (GeoReport v2 service_request_id). */
export async function findPublicRequests(db: Db, filter: PublicRequestFilter): Promise<PublicRequestRow[]> {
  const where: SQL[] = [ne(caseServices.type, 'blackbox')];
  if (filter.numbers) {
    where.push(inArray(cases.number, filter.numbers.length ? [...filter.numbers] : [-1]));
  } else {
    if (filter.serviceCodes?.length) where.push(inArray(cases.serviceCode, [...filter.serviceCodes]));
    if (filter.from) where.push(gte(cases.requestedAt, filter.from));
    if (filter.to) where.push(lt(cases.requestedAt, filter.to));
    if (filter.statuses?.length && filter.statuses.length < 2) where.push(inArray(cases.status, filter.statuses[0] === 'open' ? OPEN : CLOSED));
  }
  return db
    .select(columns)
    .from(cases)
    .innerJoin(caseServices, eq(caseServices.code, cases.serviceCode))
    .where(and(...where))
    .orderBy(desc(cases.requestedAt), desc(cases.number))
    .limit(filter.limit)
    .offset(filter.offset);
}

export async function findPublicRequest(db: Db, number: number): Promise<PublicRequestRow | null> {
  const [row] = await findPublicRequests(db, { numbers: [number], limit: 1, offset: 0 });
  return row ?? null;
}

/** The request a batch token stands for (null: unknown token, or a blackbox service). */
export async function findRequestByToken(db: Db, token: string): Promise<{ number: number; token: string } | null> {
  const [row] = await db
    .select({ number: cases.number, token: cases.token })
    .from(cases)
    .innerJoin(caseServices, eq(caseServices.code, cases.serviceCode))
    .where(and(eq(cases.token, token), ne(caseServices.type, 'blackbox')))
    .limit(1);
  return row?.token ? { number: row.number, token: row.token } : null;
}

export interface PublicUpdate {
  caseId: string;
  at: Date;
  kind: 'status' | 'note';
  status: CaseStatus | null;
  text: string | null;
}

/** The public history of some cases (Open311 notes extension): status changes and public notes. */
export async function publicUpdates(db: Db, caseIds: readonly string[]): Promise<Map<string, PublicUpdate[]>> {
  const byCase = new Map<string, PublicUpdate[]>();
  if (!caseIds.length) return byCase;
  const ids = [...caseIds];
  const statusRows = await db
    .select()
    .from(caseStatusHistory)
    .where(inArray(caseStatusHistory.caseId, ids))
    .orderBy(caseStatusHistory.id);
  const noteRows = await db
    .select()
    .from(caseNotes)
    .where(and(inArray(caseNotes.caseId, ids), eq(caseNotes.visibility, 'public')))
    .orderBy(caseNotes.id);
  const add = (u: PublicUpdate) => byCase.set(u.caseId, [...(byCase.get(u.caseId) ?? []), u]);
  // A status change is public; its note only when it was marked public.
  for (const h of statusRows) add({ caseId: h.caseId, at: h.at, kind: 'status', status: h.toStatus, text: h.public ? h.note : null });
  for (const n of noteRows) add({ caseId: n.caseId, at: n.at, kind: 'note', status: null, text: n.body });
  for (const list of byCase.values()) list.sort((a, b) => a.at.getTime() - b.at.getTime());
  return byCase;
}
