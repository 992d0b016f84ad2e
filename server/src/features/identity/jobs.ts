import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { defineJob } from '../../platform/jobs/job-queue';
import { purgeSessions } from './sessions';

export function identityJobs(ctx: AppContext) {
  return [
    defineJob({
      name: 'identity.purge-sessions',
      version: 1,
      payload: z.object({}),
      cron: '17 3 * * *',
      handler: async () => {
        const deleted = await purgeSessions(ctx);
        ctx.log.info({ deleted }, 'expired staff sessions purged');
      },
    }),
  ];
}
