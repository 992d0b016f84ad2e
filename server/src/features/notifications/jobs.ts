import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { defineJob, type JobDefinition } from '../../platform/jobs/job-queue';
import { notificationsRuntime } from './deliver';

/**
 * The delivery worker. Every minute it sends what became due (scheduled reminders, retries after
 * backoff, leases of a crashed node); a queued message also wakes it at once (listeners.ts).
 */
export function deliverNotificationsJob(ctx: AppContext) {
  return defineJob({
    name: 'notifications.deliver',
    version: 1,
    payload: z.object({}),
    cron: '* * * * *',
    // The pass keeps its own attempt counts per message; a failed pass is simply run again next minute.
    retryLimit: 0,
    handler: async () => {
      await notificationsRuntime(ctx).dispatcher.kick();
    },
  });
}

export function notificationsJobs(ctx: AppContext): JobDefinition[] {
  return [deliverNotificationsJob(ctx) as unknown as JobDefinition];
}
