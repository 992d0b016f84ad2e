/**
 * The parameters of GeoReport v2 requests, read and checked the way the spec states them; every
 * problem is reported at once as a 400 (`open311.invalid_parameter`, one error per parameter).
 */
import { AppError, type FieldProblem } from '../../platform/errors/error-codes';
import type { PublicRequestFilter } from '../cases';
import { parseInstant } from '../directory';

const DAY_MS = 86_400_000;
// GeoReport v2 GET requests: "Default query limit is a span of 90 days or first 1000 requests
// returned, whichever is smallest", and start_date..end_date may not span more than 90 days.
export const MAX_SPAN_DAYS = 90;
export const MAX_PAGE_SIZE = 1000;

function fail(problems: FieldProblem[]): never {
  throw new AppError('open311.invalid_parameter', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
}

export interface RequestsQuery {
  service_request_id?: string | undefined;
  service_code?: string | undefined;
  start_date?: string | undefined;
  end_date?: string | undefined;
  status?: string | undefined;
  page?: string | undefined;
  page_size?: string | undefined;
}

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

function positiveInt(value: string | undefined, name: string, max: number, problems: FieldProblem[]): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d{1,7}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= max)) problems.push({ field: name, message: `must be a whole number from 1 to ${max}` });
  return n;
}

/** GET requests: filters, the default 90-day window, and the page/page_size extension. */
export function readRequestsQuery(q: RequestsQuery, zone: string, now: number): PublicRequestFilter {
  const problems: FieldProblem[] = [];
  const pageSize = positiveInt(q.page_size, 'page_size', MAX_PAGE_SIZE, problems) ?? MAX_PAGE_SIZE;
  const page = positiveInt(q.page, 'page', 1_000_000, problems) ?? 1;
  const paging = { limit: pageSize, offset: (page - 1) * pageSize };

  if (q.service_request_id !== undefined) {
    // A list of ids overrides every other parameter (spec).
    const ids = list(q.service_request_id);
    if (!ids.length || ids.length > MAX_PAGE_SIZE || ids.some((id) => !/^\d{1,15}$/.test(id))) {
      problems.push({ field: 'service_request_id', message: `a comma-separated list of up to ${MAX_PAGE_SIZE} request ids` });
    }
    if (problems.length) fail(problems);
    return { numbers: ids.map(Number), ...paging };
  }

  const serviceCodes = q.service_code !== undefined ? list(q.service_code) : undefined;
  if (serviceCodes && (!serviceCodes.length || serviceCodes.some((c) => c.length > 100))) problems.push({ field: 'service_code', message: 'a comma-separated list of service codes' });

  const date = (value: string | undefined, name: string) => {
    if (value === undefined) return undefined;
    const ms = parseInstant(value, zone);
    if (ms === null) problems.push({ field: name, message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-12-01T00:00:00+01:00' });
    return ms ?? undefined;
  };
  let from = date(q.start_date, 'start_date');
  let to = date(q.end_date, 'end_date');

  let statuses: ('open' | 'closed')[] | undefined;
  if (q.status !== undefined) {
    const given = list(q.status);
    if (!given.length || given.some((s) => s !== 'open' && s !== 'closed')) problems.push({ field: 'status', message: 'open, closed, or both comma-separated' });
    else statuses = [...new Set(given)] as ('open' | 'closed')[];
  }
  if (problems.length) fail(problems);

  if (from !== undefined && to !== undefined) {
    if (to < from) fail([{ field: 'end_date', message: 'must not be before start_date' }]);
    if (to - from > MAX_SPAN_DAYS * DAY_MS) fail([{ field: 'end_date', message: `start_date and end_date may be at most ${MAX_SPAN_DAYS} days apart` }]);
  } else if (from !== undefined) to = from + MAX_SPAN_DAYS * DAY_MS;
  else if (to !== undefined) from = to - MAX_SPAN_DAYS * DAY_MS;
  else {
    to = now + 1;
    from = now - MAX_SPAN_DAYS * DAY_MS;
  }
  // end_date is inclusive of its instant; the filter is half-open.
  return { serviceCodes, from: new Date(from!), to: new Date(to! + 1), statuses, ...paging };
}

export interface PostedRequest {
  serviceCode: string;
  lat?: number | undefined;
  long?: number | undefined;
  address?: string | undefined;
  addressId?: string | undefined;
  email?: string | undefined;
  deviceId?: string | undefined;
  accountId?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  phone?: string | undefined;
  description?: string | undefined;
  mediaUrl?: string | undefined;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,63}$/;
const PHONE = /^\+?[0-9 ()./-]{3,32}$/;

/** POST requests: the plain fields (attributes are checked against the service definition). */
export function readPostedRequest(fields: Record<string, string>): PostedRequest {
  const problems: FieldProblem[] = [];
  const text = (name: string, max: number) => {
    const v = Object.prototype.hasOwnProperty.call(fields, name) ? fields[name]!.trim() : '';
    if (v.length > max) problems.push({ field: name, message: `at most ${max} characters` });
    return v === '' ? undefined : v;
  };
  const serviceCode = text('service_code', 100);
  if (!serviceCode) problems.push({ field: 'service_code', message: 'is required' });
  const coordinate = (name: string, limit: number) => {
    const v = text(name, 40);
    if (v === undefined) return undefined;
    const n = /^[+-]?\d{1,3}(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
    if (!(Math.abs(n) <= limit)) problems.push({ field: name, message: `must be a WGS84 ${name === 'lat' ? 'latitude' : 'longitude'} in decimal degrees` });
    return n;
  };
  const lat = coordinate('lat', 90);
  const long = coordinate('long', 180);
  const address = text('address_string', 500);
  const addressId = text('address_id', 200);
  if ((lat === undefined) !== (long === undefined)) problems.push({ field: lat === undefined ? 'lat' : 'long', message: 'lat and long go together' });
  // GeoReport v2: a location is required, as lat & long, address_string or address_id.
  if (lat === undefined && long === undefined && !address && !addressId) problems.push({ field: 'lat', message: 'a location is required: lat and long, address_string or address_id' });
  const email = text('email', 320);
  if (email && !EMAIL.test(email)) problems.push({ field: 'email', message: 'is not an email address' });
  const phone = text('phone', 32);
  if (phone && !PHONE.test(phone)) problems.push({ field: 'phone', message: 'is not a phone number' });
  const mediaUrl = text('media_url', 2000);
  if (mediaUrl) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(mediaUrl).protocol);
    } catch {
      ok = false;
    }
    if (!ok) problems.push({ field: 'media_url', message: 'must be an http or https URL' });
  }
  const result: PostedRequest = {
    serviceCode: serviceCode ?? '',
    lat,
    long,
    address,
    addressId,
    email,
    phone,
    mediaUrl,
    deviceId: text('device_id', 200),
    accountId: text('account_id', 200),
    firstName: text('first_name', 200),
    lastName: text('last_name', 200),
    description: text('description', 4000),
  };
  if (problems.length) fail(problems);
  return result;
}
