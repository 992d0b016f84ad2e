import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import type { Emit } from '../../platform/events/unit-of-work';
import type { LanguageCode } from '../../platform/i18n/languages';
import { cancelNotifications, queueNotification } from '../notifications';
import { buildCalendar } from './ics';
import type { OfficeInfo } from './office-info';

/**
 * What the citizen is told, through the notifications feature (queued in the booking's own
 * transaction, so a rolled-back booking sends nothing): the confirmation with an iCalendar
 * attachment, reminders 48 h and 2 h before (queued now with `notBefore`, withdrawn on cancel or
 * move), the cancellation, the move, and waiting-list offers. Email and SMS as the citizen gave them.
 */
export interface Recipient {
  email: string | null;
  phone: string | null;
  language: LanguageCode;
}

export interface AppointmentFacts {
  id: string;
  serviceName: string;
  documents: string[];
  office: OfficeInfo;
  start: Date;
  end: Date;
  sequence: number;
}

export const REMINDERS = [
  { tag: 'reminder-48h', hours: 48 },
  { tag: 'reminder-2h', hours: 2 },
] as const;

/** "mercoledì 9 dicembre 2026 alle ore 09:30" in the citizen's language, in the city's zone. */
export function formatWhen(ctx: AppContext, at: Date, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short', timeZone: ctx.city.timezone }).format(at);
}

export function calendarFor(ctx: AppContext, facts: AppointmentFacts, lang: string, method: 'PUBLISH' | 'CANCEL' = 'PUBLISH', now = new Date()): string {
  const t = (key: string, vars: Record<string, string> = {}) => ctx.i18n.t(lang as LanguageCode, key, vars);
  const documents = facts.documents.length ? t('appointments.text.documents', { documents: facts.documents.join('; ') }) : '';
  return buildCalendar({
    uid: `${facts.id}@sportello`,
    stamp: now,
    start: facts.start,
    end: facts.end,
    summary: t('appointments.ics.summary', { service: facts.serviceName, office: facts.office.name }),
    location: [facts.office.name, facts.office.address].filter(Boolean).join(', '),
    description: documents,
    method,
    sequence: facts.sequence,
    zone: ctx.city.timezone,
    language: lang,
  });
}

// A pending message is unique per (reference, tag) in the notifications feature, so each channel
// carries its own tag: `reminder-48h.email`, `reminder-48h.sms`.
const CHANNELS = ['email', 'sms'] as const;

type Kind = 'confirmed' | 'moved' | 'cancelled' | 'reminder';

async function send(tx: Db, emit: Emit, to: Recipient, id: string, parts: { subject: string; text: string; sms: string; tag: string; notBefore?: Date; ics?: string }) {
  const reference = { kind: 'appointment', id };
  const timing = parts.notBefore ? { notBefore: parts.notBefore } : {};
  if (to.email) {
    await queueNotification(tx, emit, {
      channel: 'email',
      to: to.email,
      language: to.language,
      subject: parts.subject,
      text: parts.text,
      ...(parts.ics ? { attachments: [{ filename: 'appuntamento.ics', contentType: 'text/calendar; charset=utf-8; method=' + (parts.tag === 'cancelled' ? 'CANCEL' : 'PUBLISH'), content: parts.ics }] } : {}),
      reference,
      tag: `${parts.tag}.email`,
      ...timing,
    });
  }
  if (to.phone) await queueNotification(tx, emit, { channel: 'sms', to: to.phone, language: to.language, text: parts.sms, reference, tag: `${parts.tag}.sms`, ...timing });
}

function texts(ctx: AppContext, kind: Kind, facts: AppointmentFacts, lang: LanguageCode, code?: string) {
  const vars = {
    service: facts.serviceName,
    when: formatWhen(ctx, facts.start, lang),
    office: facts.office.name,
    address: facts.office.address,
    code: code ?? '',
  };
  const t = (key: string) => ctx.i18n.t(lang, key, vars);
  const documents = facts.documents.length ? `\n\n${ctx.i18n.t(lang, 'appointments.text.documents', { documents: facts.documents.join('; ') })}` : '';
  return {
    subject: t(`appointments.notice.${kind}.subject`),
    text: t(`appointments.notice.${kind}.text`) + (kind === 'cancelled' ? '' : documents),
    sms: t(`appointments.notice.${kind}.text`),
  };
}

/** On booking (and on a move): the confirmation with its calendar, and the two reminders. */
export async function noticeBooked(ctx: AppContext, tx: Db, emit: Emit, to: Recipient, facts: AppointmentFacts, code: string, kind: 'confirmed' | 'moved', now = new Date()) {
  if (kind === 'moved') await cancelReminders(tx, facts.id);
  if (!to.email && !to.phone) return;
  const ics = to.email ? calendarFor(ctx, facts, to.language, 'PUBLISH', now) : undefined;
  await send(tx, emit, to, facts.id, { ...texts(ctx, kind, facts, to.language, code), tag: kind, ...(ics ? { ics } : {}) });
  for (const r of REMINDERS) {
    const at = new Date(facts.start.getTime() - r.hours * 3_600_000);
    // A reminder whose time has passed (booked for tomorrow morning) would only arrive late.
    if (at.getTime() <= now.getTime()) continue;
    await send(tx, emit, to, facts.id, { ...texts(ctx, 'reminder', facts, to.language), tag: r.tag, notBefore: at });
  }
}

export async function noticeCancelled(ctx: AppContext, tx: Db, emit: Emit, to: Recipient, facts: AppointmentFacts, now = new Date()) {
  await cancelReminders(tx, facts.id);
  if (!to.email && !to.phone) return;
  const ics = to.email ? calendarFor(ctx, facts, to.language, 'CANCEL', now) : undefined;
  await send(tx, emit, to, facts.id, { ...texts(ctx, 'cancelled', facts, to.language), tag: 'cancelled', ...(ics ? { ics } : {}) });
}

async function cancelReminders(tx: Db, id: string) {
  for (const r of REMINDERS) for (const channel of CHANNELS) await cancelNotifications(tx, { kind: 'appointment', id }, `${r.tag}.${channel}`);
}

/** A seat held for someone on the waiting list: what, where, until when, and how to accept. */
export async function noticeOffer(
  ctx: AppContext,
  tx: Db,
  emit: Emit,
  to: Recipient,
  entryId: string,
  offer: { serviceName: string; office: OfficeInfo; start: Date; expiresAt: Date },
) {
  const lang = to.language;
  const vars = {
    service: offer.serviceName,
    when: formatWhen(ctx, offer.start, lang),
    office: offer.office.name,
    address: offer.office.address,
    until: formatWhen(ctx, offer.expiresAt, lang),
    entry: entryId,
  };
  const text = ctx.i18n.t(lang, 'appointments.notice.offer.text', vars);
  const reference = { kind: 'appointment-waitlist', id: entryId };
  if (to.email) await queueNotification(tx, emit, { channel: 'email', to: to.email, language: lang, subject: ctx.i18n.t(lang, 'appointments.notice.offer.subject', vars), text, reference, tag: 'offer.email' });
  if (to.phone) await queueNotification(tx, emit, { channel: 'sms', to: to.phone, language: lang, text, reference, tag: 'offer.sms' });
}
