import { z } from 'zod';
import type { AppContext } from '../context';
import { defineJob } from './job-queue';

export function platformJobs(ctx: AppContext) {
  return [
    // Delivered events are kept a week for diagnosis, then removed.
    defineJob({
      name: 'platform.purge-outbox',
      version: 1,
      payload: z.object({ olderThanDays: z.number().int().min(1).default(7) }),
      cron: '41 3 * * *',
      handler: async ({ olderThanDays }) => {
        const rows = await ctx.database.query<{ n: number }>(
          `with gone as (delete from outbox_events where delivered_at < now() - make_interval(days => $1) returning 1)
           select count(*)::int as n from gone`,
          [olderThanDays],
        );
        ctx.log.info({ deleted: rows[0]?.n ?? 0 }, 'delivered events purged');
      },
    }),
  ];
}
