/**
 * GeoReport v2 answers in its two formats. JSON mirrors the XML with lists as arrays (the spec's
 * rule); XML wraps each list in its plural element with one singular element per item
 * (`<services><service>…`), null becomes an empty element, and the document starts with the XML
 * declaration in UTF-8 (spec "Internationalization and Encoding").
 */
import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';

export type Format = 'json' | 'xml';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const XML_TYPE = 'text/xml; charset=utf-8';

// Plural element → the element of each item.
const itemNames: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  endpoints: 'endpoint',
  formats: 'format',
  notes: 'note',
  errors: 'error',
};

const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false, format: false, processEntities: true });

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function toXmlValue(name: string, value: Json): unknown {
  if (value === null) return '';
  if (Array.isArray(value)) {
    const item = itemNames[name] ?? 'item';
    return { [item]: value.map((v) => toXmlValue(item, v)) };
  }
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toXmlValue(k, v)]));
  return String(value);
}

/** An XML document whose root is `root`: a list (`services`) or an object (`discovery`). */
export function toXml(root: string, value: Json): string {
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, [root]: toXmlValue(root, value) });
}

export function sendGeoReport(reply: FastifyReply, format: Format, root: string, value: Json, status = 200): FastifyReply {
  reply.code(status);
  if (format === 'json') return reply.type(JSON_TYPE).send(JSON.stringify(value));
  return reply.type(XML_TYPE).send(toXml(root, value));
}

export interface GeoReportError {
  code: number;
  description: string;
}

export function sendErrors(reply: FastifyReply, format: Format, status: number, errors: GeoReportError[]): FastifyReply {
  return sendGeoReport(reply, format, 'errors', errors as unknown as Json, status);
}

/** The format a path asks for: its `.json` or `.xml` suffix (XML, the mandatory one, otherwise). */
export function formatOfUrl(url: string): Format {
  const path = url.split('?')[0] ?? '';
  return path.endsWith('.json') ? 'json' : 'xml';
}

/** `buca-stradale.json` → { name: 'buca-stradale', format: 'json' }; null without a known suffix. */
export function splitFormat(file: string): { name: string; format: Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? { name: m[1]!, format: m[2] as Format } : null;
}
