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
  // mobility
  'mobility.no_rules_for_date': { status: 422, title: 'No rules of this scheme are in force on this date' },
  'mobility.vehicle_detail_required': { status: 422, title: 'The answer depends on a detail of the vehicle that is missing' },
  'mobility.vehicle_not_classified': { status: 422, title: 'The rules in force do not cover this vehicle' },
  'mobility.version_overlap': { status: 409, title: 'The version overlaps another version of the scheme' },
  'mobility.version_conflict': { status: 409, title: 'This version id belongs to another scheme' },
  'mobility.version_not_found': { status: 404, title: 'No such rules version' },
  'mobility.version_in_effect': { status: 409, title: 'Only a version that has not started yet can be deleted' },
  'mobility.ticket_exists': { status: 409, title: 'This plate already has a ticket for this day' },
  'mobility.ticket_not_needed': { status: 422, title: 'There is nothing to pay for this vehicle on this day' },
  'mobility.ticket_too_late': { status: 422, title: 'The time to pay for this day has passed' },
  'mobility.permit_exists': { status: 409, title: 'This plate already has a resident permit for this year' },
  'mobility.permit_not_found': { status: 404, title: 'No resident permit for this plate and year' },
  // notifications
  'notifications.invalid_address': { status: 422, title: 'The email address or phone number is not valid' },
  'notifications.invalid_request': { status: 422, title: 'The notification is not valid' },
  // citizens
  'citizens.citizen_not_found': { status: 404, title: 'No such citizen' },
  'citizens.invalid_fiscal_code': { status: 422, title: 'The codice fiscale is not valid' },
  'citizens.fiscal_code_taken': { status: 409, title: 'Another citizen profile has this codice fiscale' },
  'citizens.invalid_contact_point': { status: 422, title: 'A phone number, email or messaging id is not valid' },
  'citizens.citizen_erased': { status: 409, title: "This citizen's data was erased" },
  // contacts
  'contacts.contact_not_found': { status: 404, title: 'No such contact' },
  'contacts.invalid_transition': { status: 409, title: 'The contact cannot take this step in its current state' },
  'contacts.transition_needs_agent': { status: 422, title: 'This step needs an agent' },
  'contacts.transition_needs_queue': { status: 422, title: 'This step needs a queue' },
  'contacts.offered_to_another_agent': { status: 409, title: 'This contact was offered to another agent' },
  'contacts.contact_closed': { status: 409, title: 'This contact is closed' },
  'contacts.invalid_address': { status: 422, title: 'The address is not valid for this channel' },
  'contacts.unknown_topic': { status: 422, title: 'No such topic' },
  'contacts.survey_not_requested': { status: 409, title: 'No satisfaction survey is pending for this contact' },
  'contacts.survey_already_answered': { status: 409, title: 'This satisfaction survey was already answered' },
  // cases
  'cases.service_not_found': { status: 404, title: 'No such service in the catalogue' },
  'cases.case_not_found': { status: 404, title: 'No such case' },
  'cases.invalid_attributes': { status: 422, title: 'The attributes do not match the service definition' },
  'cases.invalid_transition': { status: 409, title: 'The case cannot move to this status from its current one' },
  // open311
  'open311.invalid_parameter': { status: 400, title: 'A parameter is missing or not valid' },
  'open311.invalid_api_key': { status: 403, title: 'The api_key is missing or not valid' },
  'open311.service_not_found': { status: 404, title: 'No such service_code' },
  'open311.request_not_found': { status: 404, title: 'No such service request' },
  'open311.token_not_found': { status: 404, title: 'No such token' },
  'open311.key_not_found': { status: 404, title: 'No such API key' },
  'payments.position_not_found': { status: 404, title: 'No payment position matches these details' },
  'payments.amount_mismatch': { status: 422, title: 'The amount paid is not the amount due on the payment date' },
  'payments.wrong_creditor': { status: 422, title: 'The receipt is addressed to another creditor' },
  'payments.receipt_conflict': { status: 409, title: 'This receipt id was already used for a different payment' },
  'payments.signature_invalid': { status: 401, title: 'The receipt signature is missing or wrong' },
  'payments.signature_expired': { status: 401, title: 'The receipt signature is too old or too far in the future' },
  'payments.webhook_not_configured': { status: 503, title: 'Payment receipts are not enabled on this server' },
  // certificates
  'certificates.request_not_found': { status: 404, title: 'No certificate request with this code and fiscal code' },
  'certificates.unknown_type': { status: 422, title: 'This type of certificate is not offered' },
  'certificates.unknown_exemption': { status: 422, title: 'This stamp-duty exemption is not recognised' },
  'certificates.invalid_fiscal_code': { status: 422, title: 'The fiscal code is not valid' },
  'certificates.invalid_transition': { status: 409, title: 'The request cannot move to this status' },
  'certificates.fee_unpaid': { status: 409, title: 'The stamp duty has not been paid yet' },
  'certificates.note_required': { status: 422, title: 'Give the reason for the citizen' },
  'certificates.idempotency_conflict': { status: 409, title: 'This idempotency key was already used for a different request' },
  'certificates.not_offered': { status: 409, title: 'Home delivery of certificates is not offered on this date' },
  // schools
  'schools.application_not_found': { status: 404, title: 'No school application with this code and fiscal code' },
  'schools.support_not_found': { status: 404, title: 'No enrollment support for this school type' },
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
