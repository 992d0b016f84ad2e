/**
 * The life of a contact as ONE pure transition table. Every channel and routing move a contact only
 * through these events; the store applies `applyEvent` under the contact's row lock and records each
 * transition with its time (contact_transitions), from which the standard metrics are computed
 * (queue wait → ASA and service level, active + wrap-up → AHT, abandoned in queue → abandonment rate;
 * shared/domain/contact-center.md "Standard contact-center metrics").
 *
 *   new ──self-serve──▶ self-service ──enqueue──▶ queued ──offer──▶ offered ──accept──▶ active
 *    │                      │                       ▲ ▲               │                 │  │
 *    │                      │                       │ └───decline─────┘                 │  │
 *    │                      │                       └──────────enqueue── transferred ◀─transfer
 *    ├──accept (outbound, walk-in)──────────────────────────────────────────────▶ active  │
 *    │                                                                                   wrap-up
 *  abandon (from new, self-service, queued, offered) ▶ abandoned             wrap-up ──close──▶ closed
 *  close (from new, self-service, transferred) ▶ closed
 */

export const CONTACT_STATES = ['new', 'self-service', 'queued', 'offered', 'active', 'wrap-up', 'closed', 'abandoned', 'transferred'] as const;
export type ContactState = (typeof CONTACT_STATES)[number];

export const CONTACT_EVENTS = ['self-serve', 'enqueue', 'offer', 'decline', 'accept', 'transfer', 'wrap-up', 'close', 'abandon'] as const;
export type ContactEvent = (typeof CONTACT_EVENTS)[number];

/** No event leaves these: a later message from the citizen opens a new contact. */
export const TERMINAL_STATES: readonly ContactState[] = ['closed', 'abandoned'];

/** States in which an agent holds the contact (and so `agentId` is set). */
export const AGENT_STATES: readonly ContactState[] = ['offered', 'active', 'wrap-up'];

/**
 * The whole machine: for each state, the events it accepts and where they lead. Anything not listed
 * is refused (`contacts.invalid_transition`).
 */
export const TRANSITIONS: Readonly<Record<ContactState, Partial<Record<ContactEvent, ContactState>>>> = {
  new: { 'self-serve': 'self-service', enqueue: 'queued', accept: 'active', close: 'closed', abandon: 'abandoned' },
  // Self-service (IVR menu, chat assistant) may answer the citizen fully (close) or hand over (enqueue).
  'self-service': { enqueue: 'queued', close: 'closed', abandon: 'abandoned' },
  queued: { offer: 'offered', abandon: 'abandoned' },
  // An offer not taken in time is declined by routing and the contact goes back to its queue.
  offered: { accept: 'active', decline: 'queued', abandon: 'abandoned' },
  // A citizen who hangs up while talking is not an abandon: the agent still wraps up.
  active: { transfer: 'transferred', 'wrap-up': 'wrap-up' },
  'wrap-up': { close: 'closed' },
  // Transferred to another queue (enqueue again) or out of the center, e.g. to an office's extension (close).
  transferred: { enqueue: 'queued', close: 'closed', abandon: 'abandoned' },
  closed: {},
  abandoned: {},
};

/** Where `event` leads from `state`, or null when the machine refuses it. */
export function nextState(state: ContactState, event: ContactEvent): ContactState | null {
  return TRANSITIONS[state][event] ?? null;
}

export function isTerminal(state: ContactState): boolean {
  return TERMINAL_STATES.includes(state);
}

/** The events a contact in `state` accepts (for agent screens: which buttons to show). */
export function allowedEvents(state: ContactState): ContactEvent[] {
  return CONTACT_EVENTS.filter((e) => TRANSITIONS[state][e] !== undefined);
}

/** What the machine tracks besides the state: who holds it and where it waits. */
export interface ContactStatus {
  state: ContactState;
  agentId: string | null;
  queue: string | null;
}

export interface EventOptions {
  agentId?: string | null | undefined;
  queue?: string | null | undefined;
}

export type ApplyResult =
  | { ok: true; status: ContactStatus }
  | { ok: false; reason: 'invalid_transition' | 'agent_required' | 'agent_mismatch' | 'queue_required' };

/**
 * Applies one event to a contact's status. Invariants kept here, not by callers:
 * - an agent is set exactly while the contact is offered, active or in wrap-up, and is kept after
 *   close for statistics; `offer` needs the agent, and so does `accept` from new (outbound, walk-in);
 * - only the agent a contact was offered to may accept it;
 * - `enqueue` needs a queue (the contact's own, or a new one given with the event);
 * - going back to a queue (decline, transfer) or abandoning releases the agent.
 */
export function applyEvent(status: ContactStatus, event: ContactEvent, options: EventOptions = {}): ApplyResult {
  const to = nextState(status.state, event);
  if (!to) return { ok: false, reason: 'invalid_transition' };
  let agentId = status.agentId;
  let queue = status.queue;
  switch (event) {
    case 'offer':
      if (!options.agentId) return { ok: false, reason: 'agent_required' };
      agentId = options.agentId;
      break;
    case 'accept':
      if (status.agentId && options.agentId && options.agentId !== status.agentId) return { ok: false, reason: 'agent_mismatch' };
      agentId = status.agentId ?? options.agentId ?? null;
      if (!agentId) return { ok: false, reason: 'agent_required' };
      break;
    case 'enqueue':
      queue = options.queue ?? status.queue;
      if (!queue) return { ok: false, reason: 'queue_required' };
      agentId = null;
      break;
    case 'transfer':
      // The target queue when it stays in the center; the contact is enqueued there next.
      queue = options.queue ?? status.queue;
      agentId = null;
      break;
    case 'decline':
    case 'abandon':
      agentId = null;
      break;
    default:
      break;
  }
  return { ok: true, status: { state: to, agentId, queue } };
}
