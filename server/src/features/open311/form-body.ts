/**
 * GeoReport v2 POST bodies are `application/x-www-form-urlencoded`, with the service's attributes as
 * `attribute[code]=value` and, for a multivaluelist, `attribute[code][]=value` repeated. Parsed with
 * URLSearchParams (UTF-8, `+` as space); the first value of a repeated plain field counts.
 */
export const FORM_BODY_LIMIT = 64 * 1024;

export interface Open311Form {
  fields: Record<string, string>;
  attributes: Record<string, string | string[]>;
}

const ATTRIBUTE = /^attribute\[([^\]]{1,100})\](\[\])?$/;

export function parseOpen311Form(text: string): Open311Form {
  const fields = new Map<string, string>();
  const attributes = new Map<string, string | string[]>();
  for (const [name, value] of new URLSearchParams(text)) {
    const m = ATTRIBUTE.exec(name);
    if (!m) {
      if (!fields.has(name)) fields.set(name, value);
      continue;
    }
    const code = m[1]!;
    const previous = attributes.get(code);
    if (m[2] || previous !== undefined) attributes.set(code, [...(previous === undefined ? [] : [previous].flat()), value]);
    else attributes.set(code, value);
  }
  // Object.fromEntries defines own properties, so a field named __proto__ stays a plain key.
  return { fields: Object.fromEntries(fields), attributes: Object.fromEntries(attributes) };
}
