import { z } from 'zod';

/**
 * The registry of domain events: `noun.verb_past` names, each a fact with a validated payload.
 * Listeners (metrics, caches, live screens, notifications, webhooks) subscribe by name; use-cases
 * emit inside their transaction and never call listeners directly. Payloads carry ids, not personal
 * data: a listener that needs more reads it (and is audited for it).
 */
export const eventCatalog = {
  'staff.logged_in': z.object({ userId: z.string(), sessionId: z.string() }),
  'staff.login_failed': z.object({ locked: z.boolean() }),
  'staff.logged_out': z.object({ userId: z.string(), sessionId: z.string() }),
  'staff.user_created': z.object({ userId: z.string(), roles: z.array(z.string()) }),
  'staff.user_updated': z.object({ userId: z.string(), fields: z.array(z.string()) }),
  'office.created': z.object({ officeId: z.string(), slug: z.string() }),
  'office.updated': z.object({ officeId: z.string(), slug: z.string() }),
  'office.hours_changed': z.object({ officeId: z.string(), slug: z.string() }),
  'holidays.changed': z.object({ count: z.number() }),
  'article.created': z.object({ articleId: z.string(), slug: z.string() }),
  'article.draft_saved': z.object({ articleId: z.string(), slug: z.string(), version: z.number(), language: z.string().optional() }),
  'article.published': z.object({ articleId: z.string(), slug: z.string(), version: z.number(), language: z.string().optional() }),
  'article.translation_withdrawn': z.object({ articleId: z.string(), slug: z.string(), language: z.string() }),
  'article.archived': z.object({ articleId: z.string(), slug: z.string() }),
  'event.published': z.object({ eventId: z.string() }),
  'event.cancelled': z.object({ eventId: z.string() }),
  'payment.notice_issued': z.object({ noticeId: z.string(), sourceKind: z.string(), sourceId: z.string() }),
  'payment.notice_cancelled': z.object({ noticeId: z.string(), sourceKind: z.string(), sourceId: z.string() }),
  'appointment.booked': z.object({ appointmentId: z.string(), slotId: z.string(), service: z.string(), office: z.string(), channel: z.string() }),
  'appointment.cancelled': z.object({ appointmentId: z.string(), slotId: z.string(), byStaff: z.boolean() }),
  'appointment.rescheduled': z.object({ appointmentId: z.string(), fromSlotId: z.string(), toSlotId: z.string() }),
  'appointment.attended': z.object({ appointmentId: z.string() }),
  'appointment.missed': z.object({ appointmentId: z.string() }),
  'slots.generated': z.object({ from: z.string(), to: z.string(), created: z.number(), withdrawn: z.number(), reopened: z.number() }),
  'waitlist.joined': z.object({ entryId: z.string(), service: z.string() }),
  'waitlist.offered': z.object({ entryId: z.string(), slotId: z.string() }),
  'waitlist.offer_lapsed': z.object({ entryId: z.string(), slotId: z.string() }),
  'waitlist.left': z.object({ entryId: z.string() }),
  'mobility.rules_changed': z.object({ scheme: z.string(), versionId: z.string(), change: z.enum(['created', 'replaced', 'deleted', 'imported']) }),
  'mobility.ticket_issued': z.object({ ticketId: z.string(), noticeId: z.string() }),
  'mobility.ticket_paid': z.object({ ticketId: z.string(), noticeId: z.string() }),
  'mobility.permit_registered': z.object({ permitId: z.string() }),
  'mobility.entry_recorded': z.object({ entryId: z.string(), outcome: z.string() }),
  'notification.queued': z.object({ notificationId: z.string(), channel: z.enum(['email', 'sms']), referenceKind: z.string(), referenceId: z.string() }),
  'notification.sent': z.object({ notificationId: z.string(), channel: z.enum(['email', 'sms']), referenceKind: z.string(), referenceId: z.string() }),
  'notification.failed': z.object({ notificationId: z.string(), channel: z.enum(['email', 'sms']), referenceKind: z.string(), referenceId: z.string(), error: z.string() }),
  'citizen.created': z.object({ citizenId: z.string() }),
  'citizen.updated': z.object({ citizenId: z.string(), fields: z.array(z.string()) }),
  'citizen.erased': z.object({ citizenId: z.string() }),
  'contact.opened': z.object({ contactId: z.string(), channel: z.string(), direction: z.string(), state: z.string(), citizenId: z.string().nullable(), queue: z.string().nullable(), language: z.string().nullable() }),
  'contact.state_changed': z.object({ contactId: z.string(), channel: z.string(), event: z.string(), from: z.string(), to: z.string(), agentId: z.string().nullable(), queue: z.string().nullable() }),
  'contact.message_added': z.object({ contactId: z.string(), messageId: z.string(), seq: z.number(), sender: z.string(), channel: z.string() }),
  'contact.wrapped_up': z.object({ contactId: z.string(), topic: z.string(), outcome: z.string(), agentId: z.string().nullable() }),
  'contact.closed': z.object({ contactId: z.string(), channel: z.string(), topic: z.string().nullable(), outcome: z.string().nullable(), surveyRequested: z.boolean() }),
  'contact.survey_answered': z.object({ contactId: z.string(), score: z.number() }),
  'case.created': z.object({ caseId: z.string(), serviceCode: z.string(), department: z.string(), channel: z.string() }),
  'case.status_changed': z.object({ caseId: z.string(), from: z.string(), to: z.string(), channel: z.string(), department: z.string() }),
  'case.note_added': z.object({ caseId: z.string(), noteId: z.string(), visibility: z.enum(['public', 'internal']) }),
  'open311_key.issued': z.object({ keyId: z.string() }),
  'open311_key.revoked': z.object({ keyId: z.string() }),
  'payment.received': z.object({ noticeId: z.string(), sourceKind: z.string(), sourceId: z.string() }),
  'certificate.requested': z.object({ requestId: z.string(), certificateType: z.string(), filedBy: z.enum(['citizen', 'agent']) }),
  'certificate.status_changed': z.object({ requestId: z.string(), from: z.string(), to: z.string() }),
  'certificate.fee_paid': z.object({ requestId: z.string(), noticeId: z.string() }),
  'school_applications.imported': z.object({ count: z.number(), changed: z.number() }),
  'city.imported': z.object({ source: z.string(), counts: z.record(z.string(), z.number()) }),
} as const;

export type EventName = keyof typeof eventCatalog;
export type EventPayload<N extends EventName> = z.infer<(typeof eventCatalog)[N]>;

export interface DomainEvent<N extends EventName = EventName> {
  id: string;
  name: N;
  payload: EventPayload<N>;
  occurredAt: Date;
}
