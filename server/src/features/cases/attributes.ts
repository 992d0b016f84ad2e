/**
 * Service attributes (GeoReport v2 "service definition"): the extra fields a service asks for, and
 * the check of a request's values against them. Pure: used by the staff escalation and by Open311
 * POST requests alike, so that both refuse the same things.
 */
import { parseInstant } from '../directory';

export const attributeDatatypes = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type AttributeDatatype = (typeof attributeDatatypes)[number];

export interface AttributeDefinition {
  code: string;
  /** false: the attribute only shows information (GeoReport v2 `variable`); it takes no value. */
  variable: boolean;
  datatype: AttributeDatatype;
  required: boolean;
  order: number;
  /** Per language. */
  description: Record<string, string>;
  datatypeDescription: Record<string, string> | null;
  values: { key: string; name: Record<string, string> }[];
}

/** What a client sent: one text, or several for a multivaluelist (`attribute[code][]=…`). */
export type AttributeInput = Record<string, string | string[]>;
/** What is stored: numbers as numbers, datetimes as ISO text, lists as arrays of keys. */
export type AttributeValues = Record<string, string | number | string[]>;

export interface AttributeProblem {
  code: string;
  message: string;
}

// Limits: GeoReport v2 caps `description` at 4,000 characters; a one-line string gets less.
const MAX_STRING = 500;
const MAX_TEXT = 4000;

export function validateAttributes(
  definitions: readonly AttributeDefinition[],
  input: AttributeInput,
  zone: string,
): { values: AttributeValues; problems: AttributeProblem[] } {
  const byCode = new Map(definitions.map((d) => [d.code, d]));
  const values: AttributeValues = {};
  const problems: AttributeProblem[] = [];
  for (const code of Object.keys(input)) {
    const def = byCode.get(code);
    if (!def) problems.push({ code, message: 'is not an attribute of this service' });
    else if (!def.variable) problems.push({ code, message: 'is information only and takes no value' });
  }
  for (const def of definitions) {
    if (!def.variable) continue;
    const raw = Object.prototype.hasOwnProperty.call(input, def.code) ? input[def.code] : undefined;
    const list = raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).map((v) => v.trim()).filter((v) => v !== '');
    if (list.length === 0) {
      if (def.required) problems.push({ code: def.code, message: 'is required' });
      continue;
    }
    if (def.datatype !== 'multivaluelist' && list.length > 1) {
      problems.push({ code: def.code, message: 'takes one value' });
      continue;
    }
    const value = list[0]!;
    const keys = new Set(def.values.map((v) => v.key));
    switch (def.datatype) {
      case 'string':
      case 'text': {
        const max = def.datatype === 'string' ? MAX_STRING : MAX_TEXT;
        if (value.length > max) problems.push({ code: def.code, message: `is longer than ${max} characters` });
        else values[def.code] = value;
        break;
      }
      case 'number': {
        const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
        if (!Number.isFinite(n)) problems.push({ code: def.code, message: 'must be a number' });
        else values[def.code] = n;
        break;
      }
      case 'datetime': {
        // GeoReport v2: ISO 8601 with a time zone; a time without one is read in the city's zone.
        const ms = parseInstant(value, zone);
        if (ms === null) problems.push({ code: def.code, message: 'must be an ISO 8601 date-time' });
        else values[def.code] = new Date(ms).toISOString();
        break;
      }
      case 'singlevaluelist':
        if (!keys.has(value)) problems.push({ code: def.code, message: `must be one of ${[...keys].join(', ')}` });
        else values[def.code] = value;
        break;
      case 'multivaluelist': {
        const unknown = list.filter((v) => !keys.has(v));
        if (unknown.length) problems.push({ code: def.code, message: `must be among ${[...keys].join(', ')}` });
        else values[def.code] = [...new Set(list)];
        break;
      }
    }
  }
  return { values, problems };
}
