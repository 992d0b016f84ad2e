import type { AppContext } from '../../platform/context';
import { notificationsRuntime } from './deliver';
import { deliverNotificationsJob } from './jobs';

/**
 * A queued message is sent right after its transaction commits: the event relay calls this listener,
 * which starts a delivery pass in this process when it runs workers, or hands the pass to the job
 * queue (another node's worker) when it does not. Scheduled messages are left for the minute job.
 */
export function notificationsListeners(ctx: AppContext): void {
  ctx.events.on('notification.queued', async () => {
    if (ctx.config.JOBS_ENABLED) {
      // Not awaited: the relay must not wait for an SMTP conversation before its next event.
      void notificationsRuntime(ctx)
        .dispatcher.kick()
        .catch((error: unknown) => ctx.log.error({ err: error }, 'notification delivery pass failed'));
      return;
    }
    try {
      await ctx.jobs.send(deliverNotificationsJob(ctx), {});
    } catch (error) {
      // The queue is not started (a process without workers, tests): the minute job will send it.
      ctx.log.debug({ err: error }, 'notification wake-up not queued');
    }
  });
}
