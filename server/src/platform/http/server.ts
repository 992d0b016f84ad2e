import { randomUUID } from 'node:crypto';
import fastifySwagger from '@fastify/swagger';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { AppError } from '../errors/error-codes';
import type { Translator } from '../i18n/i18n';
import { isKnownLanguage, negotiateLanguage, type LanguageCode } from '../i18n/languages';
import type { Authenticator, RouteAccess } from './access';
import { observeRequests, type Metrics } from './metrics';
import { PROBLEM_CONTENT_TYPE, problemDocument, sendProblem, toAppError } from './problem';

export interface HttpOptions {
  logger: Logger;
  i18n: Translator;
  languages: readonly LanguageCode[];
  defaultLanguage: LanguageCode;
  metrics: Metrics;
  publicRateLimitPerMinute: number;
  trustProxy: boolean;
  authenticate: Authenticator;
}

/** Every registered route and who may call it (access.test.ts walks this list). */
export interface RouteRecord {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: readonly RouteRecord[];
  }
}

const BODY_LIMIT_BYTES = 256 * 1024;

/** The language of an error answer: a valid `lang` query parameter, else Accept-Language. */
function problemLanguage(request: FastifyRequest, options: HttpOptions): LanguageCode {
  const lang = (request.query as Record<string, unknown> | undefined)?.lang;
  if (typeof lang === 'string' && isKnownLanguage(lang) && options.languages.includes(lang)) return lang;
  return negotiateLanguage(options.languages, options.defaultLanguage, request.headers['accept-language']);
}

/**
 * The Fastify instance with the platform's rules: zod validation, problem+json errors for every
 * failure (including Fastify's own and the HTTP parser's), declared access on every route,
 * rate limits on public routes, request metrics, and logs that carry route patterns, not URLs.
 */
export async function createHttpServer(options: HttpOptions) {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    // Fastify's own request lines carry the URL; ours (onResponse below) carry the route pattern.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy,
    routerOptions: { maxParamLength: 500 },
    // The HTTP parser rejects oversized headers and request lines before Fastify sees them; answer
    // those with a problem document too, instead of Node's bare 431.
    clientErrorHandler: (error, socket) => {
      const code = (error as { code?: string }).code;
      const appError = new AppError(code === 'HPE_HEADER_OVERFLOW' ? 'request.headers_too_large' : 'request.malformed');
      const body = JSON.stringify(problemDocument(appError, options.defaultLanguage, options.i18n));
      if (socket.writable) {
        socket.end(
          `HTTP/1.1 ${appError.status} ${appError.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
            `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      } else socket.destroy();
    },
    frameworkErrors: (error, request, reply) => {
      void sendProblem(reply, request, toAppError(error), options.defaultLanguage, options.i18n);
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error, route: request.routeOptions.url }, 'request failed');
    return sendProblem(reply, request, appError, problemLanguage(request, options), options.i18n);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, new AppError('request.not_found'), problemLanguage(request, options), options.i18n),
  );

  // Undeclared access is a programming error: refuse to start rather than serve an open route.
  const routeTable: RouteRecord[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (!route.config?.access) throw new Error(`route ${route.method} ${route.url} declares no access (config.access)`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, access: route.config.access });
    }
  });

  // Public routes get the public limit unless they set their own; this hook must run before the
  // rate-limit plugin's own onRoute hook, which reads `config.rateLimit`.
  const publicLimit = { max: options.publicRateLimitPerMinute, timeWindow: '1 minute' };
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access && 'public' in access && access.rateLimit !== false && route.config) {
      (route.config as Record<string, unknown>).rateLimit ??= publicLimit;
    }
  });
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: () => new AppError('request.rate_limited'),
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Fastify's query parser keeps a percent-escape that is not UTF-8 as raw text ("%C3%28"), which a
    // handler would then use as data; such a query string is refused here, for every route.
    const url = request.raw.url ?? '';
    const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
    if (query && query.includes('%')) {
      try {
        decodeURIComponent(query.replace(/\+/g, ' '));
      } catch {
        throw new AppError('request.malformed', 'The query string is not valid percent-encoded UTF-8.');
      }
    }
    const access = request.routeOptions.config?.access;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) request.principal = await options.authenticate(header.slice(7).trim());
    if (!access || 'public' in access) return;
    if (!request.principal) throw new AppError('auth.unauthenticated');
    if (!request.principal.permissions.has(access.permission)) throw new AppError('auth.forbidden');
  });

  // Graceful shutdown: requests in flight finish, and their keep-alive connections are told to close,
  // so that server.close() does not wait for idle sockets until the keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });
  observeRequests(app, options.metrics);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Sportello API', version: '1', description: 'REST API of the Sportello contact center.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: (input) => {
      const transformed = jsonSchemaTransform(input);
      const hide = !input.url.startsWith('/api/v1');
      const access = (input.route.config as { access?: { permission?: string } } | undefined)?.access;
      const schema = { ...transformed.schema, ...(hide ? { hide: true } : {}) } as Record<string, unknown>;
      if (access?.permission) {
        schema.security = [{ bearer: [] }];
        schema.description = `${(schema.description as string | undefined) ?? ''}\n\nRequires permission \`${access.permission}\`.`.trim();
      }
      return { ...transformed, schema };
    },
  });

  return app;
}

export type SportelloServer = Awaited<ReturnType<typeof createHttpServer>>;
