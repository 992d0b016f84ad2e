/**
 * Opening a case: an agent escalating a contact (POST /api/v1/cases) or a citizen's app posting an
 * Open311 request. Both go through here, so both are checked alike: a known service, attribute
 * values that match its definition, and the SLA deadline counted in business hours.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import type { LanguageCode } from '../../platform/i18n/languages';
import { recordAudit } from '../identity';
import { validateAttributes, type AttributeInput } from './attributes';
import { addBusinessHours } from './business-hours';
import { businessCalendar, findServiceRecord, type ServiceRecord } from './catalogue';
import { caseStatusHistory, cases, type CaseChannel } from './tables';

export interface NewCase {
  serviceCode: string;
  attributes: AttributeInput;
  description?: string | null | undefined;
  lat?: number | null | undefined;
  long?: number | null | undefined;
  address?: string | null | undefined;
  addressId?: string | null | undefined;
  zipcode?: string | null | undefined;
  mediaUrl?: string | null | undefined;
  requester?: { firstName?: string | null | undefined; lastName?: string | null | undefined; email?: string | null | undefined; phone?: string | null | undefined } | undefined;
  citizenId?: string | null | undefined;
  contactId?: string | null | undefined;
  accountId?: string | null | undefined;
  deviceId?: string | null | undefined;
  channel: CaseChannel;
  language: LanguageCode;
  apiKeyId?: string | null | undefined;
}

/** Who acts on a case: a staff member, or an app (Open311) with no staff account. */
export interface CaseActor {
  id: string | null;
  name: string;
  requestId?: string | undefined;
}

export interface CreatedCase {
  id: string;
  number: number;
  token: string | null;
  service: ServiceRecord;
  requestedAt: Date;
  expectedAt: Date;
}

/** The service and the checked attribute values; throws the cases.* errors the callers map. */
export async function checkCaseInput(ctx: AppContext, serviceCode: string, attributes: AttributeInput) {
  const service = await findServiceRecord(ctx.db, serviceCode);
  if (!service) throw new AppError('cases.service_not_found', `No service with code "${serviceCode}".`);
  const checked = validateAttributes(service.attributes, attributes, ctx.city.timezone);
  if (checked.problems.length) {
    throw new AppError(
      'cases.invalid_attributes',
      `Some attributes do not match the definition of "${serviceCode}".`,
      checked.problems.map((p) => ({ field: `attribute[${p.code}]`, message: p.message })),
    );
  }
  return { service, values: checked.values };
}

export async function createCase(ctx: AppContext, input: NewCase, actor: CaseActor): Promise<CreatedCase> {
  const { service, values } = await checkCaseInput(ctx, input.serviceCode, input.attributes);
  const calendar = await businessCalendar(ctx);
  const requestedAt = new Date();
  const expectedAt = new Date(addBusinessHours(requestedAt.getTime(), service.slaBusinessHours, calendar));
  // GeoReport v2: a batch service answers with a token; the request id is found with it later.
  const token = service.type === 'batch' ? randomBytes(12).toString('base64url') : null;
  const id = randomUUID();
  const r = input.requester ?? {};
  return ctx.transact(async (tx, emit) => {
    const [row] = await tx
      .insert(cases)
      .values({
        id,
        serviceCode: service.code,
        department: service.department,
        status: 'open',
        attributes: values,
        description: input.description ?? null,
        lat: input.lat ?? null,
        long: input.long ?? null,
        address: input.address ?? null,
        addressId: input.addressId ?? null,
        zipcode: input.zipcode ?? null,
        mediaUrl: input.mediaUrl ?? null,
        requesterFirstName: r.firstName ?? null,
        requesterLastName: r.lastName ?? null,
        requesterEmail: r.email ?? null,
        requesterPhone: r.phone ?? null,
        citizenId: input.citizenId ?? null,
        contactId: input.contactId ?? null,
        accountId: input.accountId ?? null,
        deviceId: input.deviceId ?? null,
        channel: input.channel,
        language: input.language,
        token,
        apiKeyId: input.apiKeyId ?? null,
        createdBy: actor.id,
        requestedAt,
        updatedAt: requestedAt,
        expectedAt,
      })
      .returning({ number: cases.number });
    await tx.insert(caseStatusHistory).values({ caseId: id, fromStatus: null, toStatus: 'open', at: requestedAt, actorId: actor.id, actorName: actor.name, note: null, public: true });
    if (actor.id) {
      await recordAudit(tx, { actorId: actor.id, actorName: actor.name, requestId: actor.requestId }, {
        action: 'create',
        subjectKind: 'case',
        subjectId: id,
        reason: input.contactId ? `escalation of contact ${input.contactId}` : undefined,
        details: { fields: Object.entries(r).filter(([, v]) => v).map(([k]) => `requester.${k}`) },
      });
    }
    emit('case.created', { caseId: id, serviceCode: service.code, department: service.department, channel: input.channel });
    return { id, number: row!.number, token, service, requestedAt, expectedAt };
  });
}
