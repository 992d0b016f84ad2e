import { describe, expect, it } from 'vitest';
import { geoReportValidator } from './geo-report-schemas.fixture';

// The validator itself must be able to fail, or the API tests that lean on it prove nothing.
describe('the GeoReport v2 JSON Schemas', () => {
  const validate = geoReportValidator();

  it('accept a well-formed request list and refuse broken ones', () => {
    const good = { service_request_id: '1', status: 'open', service_code: 'x', requested_datetime: '2026-12-01T10:00:00+01:00', lat: 45.4, long: 9.1, media_url: null };
    expect(validate('requests.json', [good])).toEqual([]);
    expect(validate('requests.json', [{ ...good, service_request_id: 1 }])).not.toEqual([]);
    expect(validate('requests.json', [{ ...good, status: 'in_progress' }])).not.toEqual([]);
    expect(validate('requests.json', [{ ...good, requested_datetime: '1 Dec 2026' }])).not.toEqual([]);
    expect(validate('request.json', { ...good, media_url: 'not a uri' })).not.toEqual([]);
  });

  it('check services and service definitions', () => {
    expect(validate('services.json', [{ service_code: 'a', service_name: 'A', metadata: true, type: 'realtime' }])).toEqual([]);
    expect(validate('services.json', [{ service_code: 'a', service_name: 'A', metadata: 'yes', type: 'realtime' }])).not.toEqual([]);
    expect(validate('service-definition.json', { service_code: 'a', attributes: [{ variable: true, code: 'c', datatype: 'color', required: true }] })).not.toEqual([]);
  });
});
