/**
 * The Open311 project's GeoReport v2 JSON Schemas (schema-validation, georeport-v2), read from
 * `../shared/open311/` beside the repository (never copied into it). The files carry no `$schema`
 * and use `anyOf` with `type: null`, which draft-07 (Ajv's default) reads as written; they refer to
 * each other by file name (`"$ref": "request.json"`), so each is added under its file name.
 * `format: date-time` and `uri` need ajv-formats. Strict mode is off: the published files put
 * `minItems` inside `items`, which strict Ajv refuses as an unknown placement.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { fromRepoRoot } from '../../platform/paths';

const SCHEMA_DIR = fromRepoRoot('../shared/open311');
const FILES = ['service.json', 'services.json', 'service-definition.json', 'request.json', 'requests.json'] as const;
export type GeoReportSchema = (typeof FILES)[number];

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export function geoReportValidator(): (schema: GeoReportSchema, data: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of FILES) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')), file);
  const compiled = new Map<GeoReportSchema, ValidateFunction>();
  return (schema, data) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.getSchema(schema)!;
      compiled.set(schema, validate);
    }
    return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
}
