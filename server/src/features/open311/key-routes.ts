import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { formatInstant } from '../directory';
import { issueApiKey, listApiKeys, revokeApiKey, type ApiKeyView } from './api-keys';

const tags = ['open311'];
const access = { access: { permission: 'open311.manage' } } as const;
const keyView = z.object({ id: z.string(), name: z.string(), contact: z.string().nullable(), prefix: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() });

/** Administrators register the apps allowed to post Open311 requests and hand them their key. */
export function open311KeyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const iso = (d: Date | null) => (d ? formatInstant(d.getTime(), ctx.city.timezone) : null);
  const shape = (k: ApiKeyView) => ({ ...k, createdAt: iso(k.createdAt)!, revokedAt: iso(k.revokedAt) });
  return async (app) => {
    app.post(
      '/api/v1/open311/keys',
      {
        config: access,
        schema: {
          tags,
          summary: 'Register an app and issue its Open311 api_key (shown only in this answer)',
          body: z.strictObject({ name: z.string().trim().min(1).max(200), contact: z.string().trim().min(1).max(320).optional().describe('Who maintains the app') }),
          response: { 201: keyView.extend({ key: z.string() }) },
        },
      },
      async (request, reply) => {
        const issued = await issueApiKey(ctx, request.body, request.principal!, request.id);
        return reply.code(201).send({ ...shape(issued), key: issued.key });
      },
    );

    app.get('/api/v1/open311/keys', { config: access, schema: { tags, summary: 'Registered apps and their keys (prefix only)', response: { 200: z.array(keyView) } } }, async () =>
      (await listApiKeys(ctx)).map(shape),
    );

    app.delete(
      '/api/v1/open311/keys/:id',
      { config: access, schema: { tags, summary: 'Revoke an app’s key', params: z.object({ id: z.uuid() }), response: { 204: z.null() } } },
      async (request, reply) => {
        await revokeApiKey(ctx, request.params.id, request.principal!, request.id);
        return reply.code(204).send(null);
      },
    );
  };
}
