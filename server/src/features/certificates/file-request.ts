/**
 * Filing a home-delivery certificate request (by the citizen online, or by an agent on the phone on
 * their behalf): the fiscal code is checked, the stamp duty decided, and when it is due a pagoPA
 * notice is issued in the same transaction, so that a request and its notice exist together or not
 * at all. With an Idempotency-Key, a retried filing returns the first answer instead of a second
 * request (and a second €16 notice).
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import type { Principal } from '../../platform/http/access';
import type { LanguageCode } from '../../platform/i18n/languages';
import { validateFiscalCode } from '../citizens';
import { holidayCalendar, todayIn } from '../directory';
import { recordAudit } from '../identity';
import { issueNotice, type NoticeView } from '../payments';
import { pick, readCatalog, ruleInForce } from './catalog';
import { addWorkingDays } from './delivery-date';
import { notifyCitizen } from './notify';
import { factsOf, feeView, noticeOf, type FeeView, type RequestRow } from './request-views';
import { stampDuty } from './stamp-duty';
import { certificateRequestHistory, certificateRequests, type PostalAddress } from './tables';
import { statusText } from './texts';

export interface FileRequestInput {
  certificateType: string;
  fiscalCode: string;
  name: string;
  address: PostalAddress;
  exemption?: string | undefined;
  language: LanguageCode;
  email?: string | undefined;
  phone?: string | undefined;
}

export type Filer = { kind: 'citizen' } | { kind: 'agent'; principal: Principal; requestId?: string | undefined; reason?: string | undefined };

export interface FiledRequest {
  id: string;
  code: string;
  status: 'requested';
  certificateType: string;
  expectedDelivery: string | null;
  fee: FeeView;
  text: string;
  createdAt: string;
}

// Unambiguous when read aloud or typed from a letter: no 0/O, 1/I/L.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function newRequestCode(): string {
  const part = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `CR-${part()}-${part()}`;
}

function hashOf(input: FileRequestInput, filer: Filer): string {
  const canonical = JSON.stringify([
    filer.kind,
    input.certificateType,
    input.fiscalCode.trim().toUpperCase(),
    input.name,
    input.address.street,
    input.address.zipcode,
    input.address.city,
    input.address.province ?? null,
    input.address.careOf ?? null,
    input.exemption ?? null,
    input.language,
    input.email ?? null,
    input.phone ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

const isUniqueViolation = (error: unknown): boolean => {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === '23505') return true;
  return false;
};

export async function fileCertificateRequest(ctx: AppContext, input: FileRequestInput, filer: Filer, idempotencyKey?: string): Promise<{ created: boolean; request: FiledRequest }> {
  const fiscal = validateFiscalCode(input.fiscalCode);
  if (!fiscal.valid) {
    throw new AppError('certificates.invalid_fiscal_code', `The fiscal code is not valid (${fiscal.reason}).`, [{ field: 'body.fiscalCode', message: fiscal.reason }]);
  }
  if (!ctx.city.languages.includes(input.language)) {
    throw new AppError('request.unsupported_language', `"${input.language}" is not one of this city's languages.`, [{ field: 'body.language', message: `one of ${ctx.city.languages.join(', ')}` }]);
  }
  const hash = hashOf(input, filer);
  if (idempotencyKey) {
    const replay = await replayOf(ctx, idempotencyKey, hash);
    if (replay) return { created: false, request: replay };
  }
  for (let attempt = 0; ; attempt++) {
    try {
      return { created: true, request: await insertRequest(ctx, { ...input, fiscalCode: fiscal.code }, filer, hash, idempotencyKey) };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A concurrent filing with the same key committed first: answer as its replay.
      if (idempotencyKey) {
        const replay = await replayOf(ctx, idempotencyKey, hash);
        if (replay) return { created: false, request: replay };
      }
      // Otherwise two new codes collided (1 in ~10^11): draw again, once.
      if (attempt >= 1) throw error;
    }
  }
}

async function replayOf(ctx: AppContext, key: string, hash: string): Promise<FiledRequest | null> {
  const [row] = await ctx.db.select().from(certificateRequests).where(eq(certificateRequests.idempotencyKey, key)).limit(1);
  if (!row) return null;
  if (row.requestHash !== hash) throw new AppError('certificates.idempotency_conflict', 'This Idempotency-Key was used with a different request body.');
  const catalog = await readCatalog(ctx.db);
  return filedView(ctx, row, catalog.types.find((t) => t.code === row.certificateType)?.names ?? {}, await noticeOf(ctx.db, row));
}

function filedView(ctx: AppContext, row: RequestRow, names: Record<string, string>, notice: NoticeView | null): FiledRequest {
  const lang = row.language as LanguageCode;
  const name = pick(names, lang, ctx.city.defaultLanguage);
  return {
    id: row.id,
    code: row.code,
    status: 'requested',
    certificateType: row.certificateType,
    expectedDelivery: row.expectedDelivery,
    fee: feeView(row, notice),
    text: statusText(ctx.i18n, lang, { ...factsOf(row, name, notice), status: 'requested' }),
    createdAt: row.createdAt.toISOString(),
  };
}

async function insertRequest(ctx: AppContext, input: FileRequestInput, filer: Filer, hash: string, idempotencyKey: string | undefined): Promise<FiledRequest> {
  const catalog = await readCatalog(ctx.db);
  const type = catalog.types.find((t) => t.code === input.certificateType);
  if (!type) throw new AppError('certificates.unknown_type', `No certificate type "${input.certificateType}".`, [{ field: 'body.certificateType', message: `one of ${catalog.types.map((t) => t.code).join(', ')}` }]);
  const exemption = input.exemption ? catalog.exemptions.find((e) => e.code === input.exemption) : null;
  if (input.exemption && !exemption) {
    throw new AppError('certificates.unknown_exemption', `No exemption "${input.exemption}".`, [{ field: 'body.exemption', message: `one of ${catalog.exemptions.map((e) => e.code).join(', ')}` }]);
  }
  const today = todayIn(ctx);
  const rule = ruleInForce(catalog, today);
  const duty = stampDuty(type, exemption ?? null, rule);
  const calendar = await holidayCalendar(ctx);
  const expectedDelivery = addWorkingDays(today, rule.deliveryWorkingDays, (d) => calendar.isHoliday(d));

  return ctx.transact(async (tx, emit) => {
    const id = randomUUID();
    const code = newRequestCode();
    // The notice first, so that the request row is written whole (a due fee always has its notice).
    const notice: NoticeView | null =
      duty.amountCents > 0
        ? await issueNotice(tx, emit, ctx.city, {
            amountCents: duty.amountCents,
            // The causale names the request, never the person (payments shows it to anyone with the number).
            description: `Imposta di bollo - certificato ${code}`,
            debtor: { fiscalCode: input.fiscalCode, name: input.name },
            source: { kind: 'certificate-request', id },
          })
        : null;
    const [row] = await tx
      .insert(certificateRequests)
      .values({
        id,
        code,
        certificateType: type.code,
        fiscalCode: input.fiscalCode,
        recipientName: input.name,
        address: input.address,
        language: input.language,
        email: input.email ?? null,
        phone: input.phone ?? null,
        // An exemption declared on an always-exempt type is not the reason, so it is not kept.
        exemptionCode: duty.exemptBecause === 'declared-exemption' ? exemption!.code : null,
        stampDutyCents: duty.amountCents,
        feeStatus: notice ? 'unpaid' : 'none',
        noticeId: notice?.id ?? null,
        status: 'requested',
        filedBy: filer.kind,
        filedByUser: filer.kind === 'agent' ? filer.principal.userId : null,
        idempotencyKey: idempotencyKey ?? null,
        requestHash: hash,
        expectedDelivery,
      })
      .returning();
    const request = row!;
    await tx.insert(certificateRequestHistory).values({
      requestId: request.id,
      fromStatus: null,
      toStatus: 'requested',
      actorKind: filer.kind === 'agent' ? 'staff' : 'citizen',
      actorId: filer.kind === 'agent' ? filer.principal.userId : null,
      actorName: filer.kind === 'agent' ? filer.principal.username : 'citizen',
      note: filer.kind === 'agent' ? (filer.reason ?? null) : null,
    });
    if (filer.kind === 'agent') {
      await recordAudit(tx, { actorId: filer.principal.userId, actorName: filer.principal.username, requestId: filer.requestId }, {
        action: 'create',
        subjectKind: 'certificate_request',
        subjectId: request.id,
        reason: filer.reason,
        details: { fields: ['fiscalCode', 'name', 'address', 'email', 'phone'], onBehalfOfCitizen: true },
      });
    }
    emit('certificate.requested', { requestId: request.id, certificateType: type.code, filedBy: filer.kind });
    const name = pick(type.names, input.language, ctx.city.defaultLanguage);
    await notifyCitizen(ctx, tx, emit, { requestId: request.id, language: input.language, email: request.email, phone: request.phone }, factsOf(request, name, notice));
    return filedView(ctx, request, type.names, notice);
  });
}
