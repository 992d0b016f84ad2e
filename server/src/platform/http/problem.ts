import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorCodes, type ErrorCode, type FieldProblem } from '../errors/error-codes';
import type { LanguageCode } from '../i18n/languages';
import type { Translator } from '../i18n/i18n';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

const fastifyCodeMap: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.malformed',
  FST_ERR_CTP_INVALID_TYPE: 'request.malformed',
  FST_ERR_BAD_URL: 'request.malformed',
  FST_ERR_VALIDATION: 'request.invalid_parameters',
};

/** Turns anything thrown by a handler or by Fastify into an AppError; unknown errors become 500. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    // Field paths say where the value was: params, query, headers or body.
    const where = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'request');
    const fields = error.validation.map((v) => ({
      field: [where, ...String(v.instancePath ?? '').split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'invalid',
    }));
    return where === 'body'
      ? new AppError('request.invalid_body', 'The request body does not match the expected shape.', fields)
      : new AppError('request.invalid_parameters', `Invalid ${where}.`, fields);
  }
  const e = error as { code?: string; statusCode?: number; message?: string } | null;
  const mapped = e?.code ? fastifyCodeMap[e.code] : undefined;
  if (mapped) return new AppError(mapped, e?.message);
  if (error instanceof SyntaxError) return new AppError('request.malformed', 'The JSON body could not be parsed.');
  if (e?.statusCode === 429) return new AppError('request.rate_limited');
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new AppError('request.malformed', e.message);
  return new AppError('internal.error');
}

export function problemDocument(error: AppError, lang: LanguageCode, i18n: Translator, requestId?: string): ProblemDocument {
  const key = `error.${error.code}`;
  const title = i18n.has(lang, key) ? i18n.t(lang, key) : errorCodes[error.code].title;
  return {
    ...(error.extra ?? {}),
    type: `urn:sportello:problem:${error.code}`,
    title,
    status: error.status,
    // Internal errors never echo their message: it may hold SQL or personal data.
    detail: error.code === 'internal.error' ? title : error.message,
    code: error.code,
    ...(requestId ? { instance: `urn:sportello:request:${requestId}` } : {}),
    ...(error.errors?.length ? { errors: error.errors } : {}),
  };
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  error: AppError,
  lang: LanguageCode,
  i18n: Translator,
): FastifyReply {
  if (error.code === 'auth.unauthenticated') reply.header('www-authenticate', 'Bearer');
  return reply
    .code(error.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problemDocument(error, lang, i18n, request.id));
}
