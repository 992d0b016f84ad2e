import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { defineJob } from '../../platform/jobs/job-queue';
import { purgeKeys } from './idempotency';
import { extendSlots } from './slot-generation';
import { expireOffers } from './waitlist';

export function appointmentsJobs(ctx: AppContext) {
  return [
    defineJob({
      name: 'appointments.extend-slots',
      version: 1,
      payload: z.object({}),
      // Daily, after midnight: the horizon moves on by one day (idempotent, so a rerun is harmless).
      cron: '20 2 * * *',
      handler: async () => {
        const report = await extendSlots(ctx);
        ctx.log.info({ created: report.created, withdrawn: report.withdrawn, conflicts: report.conflicts.length }, 'appointment slots extended');
      },
    }),
    defineJob({
      name: 'appointments.expire-offers',
      version: 1,
      payload: z.object({}),
      // Offers hold a seat for APPOINTMENTS_OFFER_MINUTES: checked every minute.
      cron: '* * * * *',
      handler: async () => {
        const lapsed = await expireOffers(ctx);
        if (lapsed) ctx.log.info({ lapsed }, 'waiting-list offers lapsed');
      },
    }),
    defineJob({
      name: 'appointments.purge-idempotency-keys',
      version: 1,
      payload: z.object({}),
      cron: '50 3 * * *',
      handler: async () => {
        await purgeKeys(ctx.db);
      },
    }),
  ];
}
