import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { closeNotificationsRuntime } from './deliver';
import { listNotificationsAudited } from './list-notifications';
import { notificationsQuery, notificationView } from './schema';

const tags = ['notifications'];

export function notificationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/notifications',
      {
        config: { access: { permission: 'contacts.handle' } },
        schema: {
          tags,
          summary: 'Emails and text messages sent (or to be sent) about one record, e.g. an appointment; audited',
          querystring: notificationsQuery,
          response: { 200: z.array(notificationView) },
        },
      },
      async (request) => listNotificationsAudited(ctx, { kind: request.query.kind, id: request.query.id }, request.principal!, request.id),
    );

    // Before the platform closes the database: let a delivery pass in flight record its outcome.
    app.addHook('preClose', async () => {
      await closeNotificationsRuntime(ctx);
    });
  };
}
