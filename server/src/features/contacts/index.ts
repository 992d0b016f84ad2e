/**
 * Contacts: every interaction on every channel (web chat, email, SMS, WhatsApp, voice, web forms) as
 * one model: state machine, transitions with their times, messages, internal notes, wrap-up, the
 * satisfaction survey; timelines of a contact and of a citizen. See docs/contacts.md.
 *
 * Channels and routing use the use-cases below inside their own transaction:
 *
 *   await ctx.transact(async (tx, emit) => {
 *     const { contact } = await openContact(tx, emit, { channel: 'whatsapp', address: from, externalRef: conversationId });
 *     await appendMessage(tx, emit, { contactId: contact.id, sender: 'citizen', body, clientMessageId: providerMessageId });
 *     if (contact.state === 'new') await transitionContact(tx, emit, contact.id, 'enqueue', { queue: 'general' });
 *   });
 */
export { contactsRoutes } from './routes';
export { importContactTopics, listTopics, TOPICS_FILE, type TopicView } from './topics';
export { contactsCitizenData } from './citizen-data';

// The pure state machine.
export { CONTACT_STATES, CONTACT_EVENTS, TERMINAL_STATES, AGENT_STATES, TRANSITIONS, nextState, applyEvent, allowedEvents, isTerminal, type ContactState, type ContactEvent, type ContactStatus } from './contact-states';

// Use-cases for channels and routing: (tx, emit, …) inside the caller's transaction.
export { openContact, findOpenContact, transitionContact, countLiveContacts, type OpenContactInput, type OpenedContact, type ContactRecord, type FindOpenInput, type TransitionOptions } from './contact-lifecycle';
export { appendMessage, updateDeliveryStatus, addNote, type AppendMessageInput, type MessageRecord, type MessageTarget, type NoteRecord } from './messages';
export { wrapUpContact, OUTCOMES, type Outcome, type WrapUpInput } from './wrap-up';
export { surveyQuestion, recordSurveyAnswer, type SurveyRecord } from './surveys';
export { listContacts, type ContactFilter, type ContactSummary } from './list-contacts';
export type { Sender, DeliveryStatus, AttachmentMeta } from './tables';

// Staff reads (audited).
export { contactTimeline, citizenTimeline, type TimelineEntry, type TimelineKind } from './timeline';
