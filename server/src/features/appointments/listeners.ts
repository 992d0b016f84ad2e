import type { AppContext } from '../../platform/context';
import { extendSlots } from './slot-generation';

/**
 * Slots follow the directory: a city loaded (first start), hours changed, an exception added or
 * holidays edited → the slots of the horizon are generated again (idempotent; slots that no longer
 * fit are withdrawn, booked ones reported). Runs after the change committed (outbox delivery).
 */
export function appointmentsListeners(ctx: AppContext): void {
  let running: Promise<unknown> = Promise.resolve();
  // One regeneration at a time on this node: a burst of edits queues behind the current run.
  const regenerate = () => {
    running = running.then(() => extendSlots(ctx)).catch((error: unknown) => ctx.log.error({ err: error }, 'appointment slot generation failed'));
    return running.then(() => undefined);
  };
  ctx.events.on('city.imported', regenerate);
  ctx.events.on('office.hours_changed', regenerate);
  ctx.events.on('office.updated', regenerate);
  ctx.events.on('holidays.changed', regenerate);
}
