/**
 * Staff reads of cases: the back-office worklist of a department (no personal data in it) and one
 * case in full, requester included, which is audited (DESIGN.md "every read of personal data").
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import type { LanguageCode } from '../../platform/i18n/languages';
import { formatInstant, listDepartments } from '../directory';
import { recordAudit } from '../identity';
import { findServiceRecord, pick } from './catalogue';
import type { CaseActor } from './create-case';
import { caseNotes, caseServices, caseStatusHistory, cases, type CaseStatus } from './tables';

const iso = (ctx: AppContext, d: Date | null) => (d ? formatInstant(d.getTime(), ctx.city.timezone) : null);

export interface WorklistFilter {
  department: string;
  statuses: readonly CaseStatus[];
  limit: number;
  offset: number;
}

/** A department's cases, nearest deadline first: what a back-office operator works through. */
export async function departmentWorklist(ctx: AppContext, filter: WorklistFilter, lang: LanguageCode) {
  const departments = await listDepartments(ctx, lang);
  if (!departments.some((d) => d.slug === filter.department)) throw new AppError('directory.department_not_found', `No department "${filter.department}".`);
  const where: SQL[] = [eq(cases.department, filter.department)];
  if (filter.statuses.length) where.push(inArray(cases.status, [...filter.statuses]));
  const rows = await ctx.db
    .select({
      id: cases.id,
      number: cases.number,
      serviceCode: cases.serviceCode,
      names: caseServices.names,
      status: cases.status,
      channel: cases.channel,
      address: cases.address,
      requestedAt: cases.requestedAt,
      updatedAt: cases.updatedAt,
      expectedAt: cases.expectedAt,
    })
    .from(cases)
    .innerJoin(caseServices, eq(caseServices.code, cases.serviceCode))
    .where(and(...where))
    .orderBy(sql`${cases.expectedAt} asc nulls last`, asc(cases.number))
    .limit(filter.limit)
    .offset(filter.offset);
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    number: String(r.number),
    service: { code: r.serviceCode, name: pick(r.names, lang, ctx.city.defaultLanguage) },
    status: r.status,
    channel: r.channel,
    address: r.address,
    requestedAt: iso(ctx, r.requestedAt)!,
    updatedAt: iso(ctx, r.updatedAt)!,
    expectedAt: iso(ctx, r.expectedAt),
    overdue: r.expectedAt !== null && r.expectedAt.getTime() < now && r.status !== 'closed' && r.status !== 'rejected',
  }));
}

/** One case with everything, requester included; the read is audited in the same transaction. */
export async function getCaseForStaff(ctx: AppContext, caseId: string, actor: CaseActor, lang: LanguageCode) {
  const [row] = await ctx.db.select().from(cases).where(eq(cases.id, caseId)).limit(1);
  if (!row) throw new AppError('cases.case_not_found', `No case ${caseId}.`);
  const service = await findServiceRecord(ctx.db, row.serviceCode);
  const history = await ctx.db.select().from(caseStatusHistory).where(eq(caseStatusHistory.caseId, caseId)).orderBy(asc(caseStatusHistory.id));
  const notes = await ctx.db.select().from(caseNotes).where(eq(caseNotes.caseId, caseId)).orderBy(asc(caseNotes.id));
  const requester = { firstName: row.requesterFirstName, lastName: row.requesterLastName, email: row.requesterEmail, phone: row.requesterPhone };
  await recordAudit(ctx.db, { actorId: actor.id, actorName: actor.name, requestId: actor.requestId }, {
    action: 'read',
    subjectKind: 'case',
    subjectId: caseId,
    details: { fields: Object.entries(requester).filter(([, v]) => v).map(([k]) => `requester.${k}`) },
  });
  return {
    id: row.id,
    number: String(row.number),
    service: { code: row.serviceCode, name: service ? pick(service.names, lang, ctx.city.defaultLanguage) : row.serviceCode },
    department: row.department,
    status: row.status,
    statusNotes: row.statusNotes,
    channel: row.channel,
    language: row.language,
    description: row.description,
    attributes: row.attributes,
    location: { lat: row.lat, long: row.long, address: row.address, addressId: row.addressId, zipcode: row.zipcode },
    mediaUrl: row.mediaUrl,
    requester,
    citizenId: row.citizenId,
    contactId: row.contactId,
    accountId: row.accountId,
    deviceId: row.deviceId,
    requestedAt: iso(ctx, row.requestedAt)!,
    updatedAt: iso(ctx, row.updatedAt)!,
    expectedAt: iso(ctx, row.expectedAt),
    closedAt: iso(ctx, row.closedAt),
    history: history.map((h) => ({ from: h.fromStatus, to: h.toStatus, at: iso(ctx, h.at)!, actor: h.actorName, note: h.note, public: h.public })),
    notes: notes.map((n) => ({ id: String(n.id), at: iso(ctx, n.at)!, author: n.authorName, visibility: n.visibility, body: n.body })),
  };
}
