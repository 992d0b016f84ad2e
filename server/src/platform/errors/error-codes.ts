/**
 * Every error code the API can answer with, its HTTP status and its English title. The one status
 * table: handlers throw `new AppError(code, detail)` and never choose a status themselves.
 * Titles are translated in the i18n catalogs (`error.<code>`); docs/errors.md lists every code and
 * errors.test.ts keeps the three in step.
 */
export const errorCodes = {
  'request.malformed': { status: 400, title: 'The request could not be read' },
  'request.invalid_parameters': { status: 400, title: 'Some parameters are invalid' },
  'request.invalid_body': { status: 422, title: 'The request body is invalid' },
  'request.unsupported_language': { status: 400, title: 'This language is not offered' },
  'request.not_found': { status: 404, title: 'No such resource' },
  'request.too_large': { status: 413, title: 'The request is too large' },
  'request.unsupported_media_type': { status: 415, title: 'This content type is not accepted' },
  'request.headers_too_large': { status: 431, title: 'The request line or headers are too large' },
  'request.rate_limited': { status: 429, title: 'Too many requests; try again later' },
  'auth.unauthenticated': { status: 401, title: 'Sign in to continue' },
  'auth.invalid_credentials': { status: 401, title: 'Wrong username or password' },
  'auth.too_many_attempts': { status: 429, title: 'Too many failed sign-ins; try again later' },
  'auth.forbidden': { status: 403, title: 'You are not allowed to do this' },
  'identity.user_not_found': { status: 404, title: 'No such staff account' },
  'identity.username_taken': { status: 409, title: 'This username is already in use' },
  'directory.office_not_found': { status: 404, title: 'No such office' },
  'directory.department_not_found': { status: 404, title: 'No such department' },
  'directory.office_exists': { status: 409, title: 'An office with this slug already exists' },
  'directory.invalid_hours': { status: 422, title: 'The opening hours are not valid' },
  'directory.extension_taken': { status: 409, title: 'This switchboard extension belongs to another office' },
  'directory.exception_not_found': { status: 404, title: 'No exception for this office on this date' },
  'knowledge.article_not_found': { status: 404, title: 'No such article' },
  'knowledge.article_exists': { status: 409, title: 'An article with this slug already exists' },
  'knowledge.version_conflict': { status: 409, title: 'The article was changed by someone else meanwhile' },
  'knowledge.version_not_found': { status: 404, title: 'No such article version' },
  'knowledge.default_translation_required': { status: 409, title: "The city's default language cannot be withdrawn from an article" },
  'knowledge.event_not_found': { status: 404, title: 'No such event' },
  'knowledge.event_exists': { status: 409, title: 'An event with this id already exists' },
  'knowledge.enrollment_not_found': { status: 404, title: 'No enrollment window for this school type' },
  // payments
  'payments.notice_not_found': { status: 404, title: 'No such payment notice' },
  'payments.notice_not_payable': { status: 409, title: 'This payment notice is no longer payable' },
  // appointments
  'appointments.service_not_found': { status: 404, title: 'No such bookable service' },
  'appointments.slot_not_found': { status: 404, title: 'No such appointment slot' },
  'appointments.slot_full': { status: 409, title: 'This slot is fully booked' },
  'appointments.slot_unavailable': { status: 409, title: 'This slot is no longer offered' },
  'appointments.slot_in_past': { status: 422, title: 'This slot has already started' },
  'appointments.slot_mismatch': { status: 422, title: 'The new slot is for another service' },
  'appointments.invalid_fiscal_code': { status: 422, title: 'The codice fiscale is not valid' },
  'appointments.already_booked': { status: 409, title: 'There is already an appointment for this service' },
  'appointments.not_found': { status: 404, title: 'No appointment with this id and code' },
  'appointments.not_active': { status: 409, title: 'The appointment is no longer active' },
  'appointments.too_late': { status: 422, title: 'The appointment has already started' },
  'appointments.too_early': { status: 422, title: 'The appointment has not started yet' },
  'appointments.idempotency_mismatch': { status: 422, title: 'This Idempotency-Key was used for another request' },
  'appointments.waitlist_not_found': { status: 404, title: 'No waiting-list entry with this id and code' },
  'appointments.already_waiting': { status: 409, title: 'You are already on the waiting list for this service' },
  'appointments.no_offer': { status: 409, title: 'There is no open offer to accept' },
  // notifications
  'notifications.invalid_address': { status: 422, title: 'The email address or phone number is not valid' },
  'notifications.invalid_request': { status: 422, title: 'The notification is not valid' },
  'import.rows_rejected': { status: 422, title: 'Some rows could not be imported; nothing was loaded' },
  'service.unavailable': { status: 503, title: 'The service is not ready' },
  'internal.error': { status: 500, title: 'Something went wrong on our side' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCodes;

export interface FieldProblem {
  /** Dotted path of the field, e.g. `query.limit` or `body.translations.it.title`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly errors?: FieldProblem[],
    /** Extra members of the problem document (e.g. the importer's rejected rows). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? errorCodes[code].title);
    this.name = 'AppError';
    this.status = errorCodes[code].status;
  }
}
