import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGENT_STATES,
  CONTACT_EVENTS,
  CONTACT_STATES,
  TERMINAL_STATES,
  TRANSITIONS,
  allowedEvents,
  applyEvent,
  nextState,
  type ContactEvent,
  type ContactState,
  type ContactStatus,
} from './contact-states';

const fresh: ContactStatus = { state: 'new', agentId: null, queue: null };

/** Runs events in order, stopping at the first refusal; returns every status reached. */
function run(events: ContactEvent[], options: { agentId?: string; queue?: string } = { agentId: 'a1', queue: 'general' }) {
  let status = fresh;
  const seen: ContactStatus[] = [status];
  for (const e of events) {
    const r = applyEvent(status, e, options);
    if (!r.ok) break;
    status = r.status;
    seen.push(status);
  }
  return { status, seen };
}

describe('the transition table', () => {
  it('walks the usual inbound life: IVR, queue, offer, talk, wrap-up, close', () => {
    const { status } = run(['self-serve', 'enqueue', 'offer', 'accept', 'wrap-up', 'close']);
    expect(status).toEqual({ state: 'closed', agentId: 'a1', queue: 'general' });
  });

  it('lets an agent start an outbound call or a walk-in directly', () => {
    expect(applyEvent(fresh, 'accept', { agentId: 'a2' })).toEqual({ ok: true, status: { state: 'active', agentId: 'a2', queue: null } });
    expect(applyEvent(fresh, 'accept')).toEqual({ ok: false, reason: 'agent_required' });
  });

  it('re-queues a declined offer and releases the agent', () => {
    const offered = run(['enqueue', 'offer']).status;
    expect(applyEvent(offered, 'decline')).toEqual({ ok: true, status: { state: 'queued', agentId: null, queue: 'general' } });
  });

  it('only lets the offered agent accept', () => {
    const offered = run(['enqueue', 'offer']).status;
    expect(applyEvent(offered, 'accept', { agentId: 'someone-else' })).toEqual({ ok: false, reason: 'agent_mismatch' });
    expect(applyEvent(offered, 'accept')).toMatchObject({ ok: true, status: { state: 'active', agentId: 'a1' } });
  });

  it('transfers to another queue, or out of the center', () => {
    const active = run(['enqueue', 'offer', 'accept']).status;
    const transferred = applyEvent(active, 'transfer', { queue: 'anagrafe' });
    expect(transferred).toEqual({ ok: true, status: { state: 'transferred', agentId: null, queue: 'anagrafe' } });
    if (!transferred.ok) return;
    expect(applyEvent(transferred.status, 'enqueue')).toMatchObject({ ok: true, status: { state: 'queued', queue: 'anagrafe' } });
    expect(applyEvent(transferred.status, 'close')).toMatchObject({ ok: true, status: { state: 'closed' } });
  });

  it('refuses what the table does not list', () => {
    expect(nextState('queued', 'accept')).toBeNull();
    expect(nextState('active', 'close')).toBeNull();
    expect(nextState('active', 'abandon')).toBeNull();
    expect(nextState('closed', 'enqueue')).toBeNull();
    expect(applyEvent(fresh, 'wrap-up')).toEqual({ ok: false, reason: 'invalid_transition' });
    expect(applyEvent(fresh, 'enqueue')).toEqual({ ok: false, reason: 'queue_required' });
    expect(applyEvent(run(['enqueue']).status, 'offer', {})).toEqual({ ok: false, reason: 'agent_required' });
  });

  it('has no way out of the terminal states, and a way into each of them', () => {
    for (const s of TERMINAL_STATES) expect(allowedEvents(s)).toEqual([]);
    const targets = new Set(Object.values(TRANSITIONS).flatMap((row) => Object.values(row)));
    for (const s of CONTACT_STATES) if (s !== 'new') expect(targets.has(s), s).toBe(true);
  });

  it('reaches every state from new', () => {
    const reached = new Set<ContactState>(['new']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const s of [...reached]) {
        for (const to of Object.values(TRANSITIONS[s])) if (!reached.has(to)) (reached.add(to), (changed = true));
      }
    }
    expect([...reached].sort()).toEqual([...CONTACT_STATES].sort());
  });
});

describe('properties', () => {
  const events = fc.array(fc.constantFrom(...CONTACT_EVENTS), { maxLength: 40 });
  const options = fc.record({ agentId: fc.option(fc.constantFrom('a1', 'a2'), { nil: undefined }), queue: fc.option(fc.constantFrom('general', 'zh'), { nil: undefined }) });

  it('no sequence of events reaches an illegal state', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...CONTACT_EVENTS), options), { maxLength: 40 }), (steps) => {
        let status = fresh;
        const path: ContactState[] = ['new'];
        for (const [event, opts] of steps) {
          const r = applyEvent(status, event, opts);
          if (!r.ok) {
            // A refusal changes nothing and is always explained.
            expect(['invalid_transition', 'agent_required', 'agent_mismatch', 'queue_required']).toContain(r.reason);
            continue;
          }
          // Every accepted step is an edge of the table.
          expect(TRANSITIONS[status.state][event]).toBe(r.status.state);
          status = r.status;
          path.push(status.state);
          expect(CONTACT_STATES).toContain(status.state);
          // An agent holds the contact exactly while it is offered, active or in wrap-up.
          if (AGENT_STATES.includes(status.state)) expect(status.agentId).not.toBeNull();
          else if (status.state !== 'closed') expect(status.agentId).toBeNull();
          // Queued contacts always know their queue.
          if (status.state === 'queued') expect(status.queue).not.toBeNull();
        }
        // Terminal states are final; a talk ends in wrap-up or a transfer before it can close.
        const end = path.findIndex((s) => s === 'closed' || s === 'abandoned');
        if (end >= 0) expect(path.length).toBe(end + 1);
        const activeAt = path.indexOf('active');
        if (activeAt >= 0 && path.at(-1) === 'closed') expect(path[path.length - 2]).toMatch(/^(wrap-up|transferred)$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('an agent-held contact is only closed through wrap-up, whatever the events', () => {
    fc.assert(
      fc.property(events, (list) => {
        const { seen } = run(['enqueue', 'offer', 'accept', ...list]);
        const closedAt = seen.findIndex((s) => s.state === 'closed');
        if (closedAt > 0) expect(seen[closedAt - 1]!.state).toMatch(/^(wrap-up|transferred)$/);
      }),
      { numRuns: 1000 },
    );
  });
});
