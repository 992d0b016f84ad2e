/** Catalogue and cases shaped as GeoReport v2 elements (element names are the spec's). */
import type { AppContext } from '../../platform/context';
import type { LanguageCode } from '../../platform/i18n/languages';
import { attributeViews, pick, publicStatus, serviceView, type PublicRequestRow, type PublicUpdate, type ServiceRecord } from '../cases';
import { formatInstant } from '../directory';

const iso = (ctx: AppContext, d: Date | null) => (d ? formatInstant(d.getTime(), ctx.city.timezone) : null);

export function geoService(ctx: AppContext, s: ServiceRecord, lang: LanguageCode) {
  const v = serviceView(ctx, s, lang);
  return {
    service_code: v.code,
    service_name: v.name,
    description: v.description,
    metadata: v.metadata,
    type: v.type,
    keywords: v.keywords.join(','),
    group: v.group,
  };
}

export function geoServiceDefinition(ctx: AppContext, s: ServiceRecord, lang: LanguageCode) {
  return {
    service_code: s.code,
    attributes: attributeViews(ctx, s, lang).map((a) => ({
      variable: a.variable,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatypeDescription,
      order: a.order,
      description: a.description,
      values: a.values.map((v) => ({ key: v.key, name: v.name })),
    })),
  };
}

export interface GeoRequestContext {
  lang: LanguageCode;
  departmentNames: Map<string, string>;
  /** Present when the notes extension is asked for (`extensions=true`). */
  updates?: Map<string, PublicUpdate[]> | undefined;
}

export function geoRequest(ctx: AppContext, r: PublicRequestRow, c: GeoRequestContext) {
  const d = ctx.city.defaultLanguage;
  const base = {
    service_request_id: String(r.number),
    status: publicStatus(r.status),
    status_notes: r.statusNotes,
    service_name: pick(r.serviceNames, c.lang, d),
    service_code: r.serviceCode,
    description: r.description,
    agency_responsible: c.departmentNames.get(r.department) ?? r.department,
    service_notice: Object.keys(r.serviceNotices).length ? pick(r.serviceNotices, c.lang, d) : null,
    requested_datetime: iso(ctx, r.requestedAt)!,
    updated_datetime: iso(ctx, r.updatedAt),
    expected_datetime: iso(ctx, r.expectedAt),
    address: r.address,
    address_id: r.addressId,
    zipcode: r.zipcode,
    lat: r.lat === null ? null : Number(r.lat),
    long: r.long === null ? null : Number(r.long),
    media_url: r.mediaUrl,
  };
  if (!c.updates) return base;
  // Notes extension (wiki.open311.org GeoReport_v2/Extensions): the public history, oldest first.
  const notes = (c.updates.get(r.id) ?? []).map((u) => ({
    datetime: iso(ctx, u.at)!,
    description:
      u.kind === 'status'
        ? [ctx.i18n.t(c.lang, 'cases.status.changed', { status: ctx.i18n.t(c.lang, `cases.status.${u.status}`) }), u.text].filter(Boolean).join(' — ')
        : u.text!,
    type: u.kind === 'status' ? 'status_change' : 'note',
  }));
  return { ...base, notes };
}
