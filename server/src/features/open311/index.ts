/**
 * Open311 GeoReport v2: the public, standard face of cases (features/cases) for city apps, and the
 * API keys of the apps allowed to post. Other code uses only what is exported here.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context';
import { open311KeyRoutes } from './key-routes';
import { OPEN311_PREFIX, open311Routes } from './routes';

export { insertDemoApiKey, verifyApiKey, DEMO_API_KEY } from './api-keys';
export { parseOpen311Form } from './form-body';
export { OPEN311_PREFIX } from './routes';

/** Both faces: /open311/v2 (its own error format and form bodies) and the key administration. */
export function open311Plugin(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    await app.register(open311Routes(ctx), { prefix: OPEN311_PREFIX });
    await app.register(open311KeyRoutes(ctx));
  };
}
