import type { AppContext } from '../../platform/context';
import type { LanguageCode } from '../../platform/i18n/languages';
import { bookAppointment } from './book-appointment';
import { formatWhen } from './notices';
import { officeLookup } from './office-info';
import { getService, serviceName } from './services';
import { firstFreeSlot, slotView, type SlotView } from './slots';

/**
 * For the phone line (IVR) and the chat assistant: answers as sentences in the caller's language,
 * ready to be spoken by the voice or written in the chat (messages/<lang>.json, all nine).
 */
export async function nextFreeSlot(ctx: AppContext, q: { service: string; office?: string | undefined; lang: LanguageCode }, now = new Date()): Promise<{ slot: SlotView | null; text: string }> {
  const service = await getService(ctx.db, q.service);
  const name = serviceName(ctx, service, q.lang);
  const row = await firstFreeSlot(ctx.db, service.code, q.office, now);
  if (!row) return { slot: null, text: ctx.i18n.t(q.lang, 'appointments.say.no_slot', { service: name }) };
  const office = (await officeLookup(ctx, row.officeSlug))(row.officeSlug);
  return {
    slot: slotView(ctx, row),
    text: ctx.i18n.t(q.lang, 'appointments.say.next_slot', { service: name, when: formatWhen(ctx, row.startsAt, q.lang), office: office.name, address: office.address }),
  };
}

export interface CallerBooking {
  slotId: string;
  fiscalCode: string;
  name: string;
  phone?: string | undefined;
  email?: string | undefined;
  lang: LanguageCode;
  channel?: 'phone' | 'chat';
}

/** Books for the caller; refusals are AppErrors (slot full, codice fiscale wrong…) with translated titles. */
export async function bookForCaller(ctx: AppContext, b: CallerBooking, now = new Date()): Promise<{ code: string; appointmentId: string; slot: SlotView; text: string }> {
  const result = await bookAppointment(
    ctx,
    { slotId: b.slotId, citizen: { fiscalCode: b.fiscalCode, name: b.name, phone: b.phone ?? null, email: b.email ?? null }, language: b.lang, channel: b.channel ?? 'phone' },
    { now },
  );
  const office = (await officeLookup(ctx, result.slot.office))(result.slot.office);
  const text = ctx.i18n.t(b.lang, 'appointments.say.booked', {
    service: result.serviceName,
    when: formatWhen(ctx, new Date(result.slot.start), b.lang),
    office: office.name,
    address: office.address,
    code: result.code,
  });
  return { code: result.code, appointmentId: result.id, slot: result.slot, text };
}
