import { describe, expect, it } from 'vitest';
import { parseOpen311Form } from './form-body';

describe('Open311 form bodies', () => {
  it('reads plain fields, single attributes and multivalue attributes', () => {
    const form = parseOpen311Form('api_key=k&service_code=buca-stradale&lat=45.46&attribute%5Bdimensione%5D=grande&attribute[tipo][]=a&attribute[tipo][]=b&description=Via+Torino%2C+12');
    expect(form.fields).toEqual({ api_key: 'k', service_code: 'buca-stradale', lat: '45.46', description: 'Via Torino, 12' });
    expect(form.attributes).toEqual({ dimensione: 'grande', tipo: ['a', 'b'] });
  });

  it('keeps the first of repeated plain fields and collects a repeated attribute as a list', () => {
    const form = parseOpen311Form('service_code=a&service_code=b&attribute[x]=1&attribute[x]=2');
    expect(form.fields.service_code).toBe('a');
    expect(form.attributes.x).toEqual(['1', '2']);
  });

  it('decodes UTF-8 and keeps hostile names as plain keys', () => {
    const form = parseOpen311Form('description=%E5%9D%91%E6%B4%9E&__proto__=x&attribute[__proto__]=y');
    expect(form.fields.description).toBe('坑洞');
    expect(Object.getPrototypeOf(form.fields)).toBe(Object.prototype);
    expect(Object.keys(form.fields)).toContain('__proto__');
    expect(Object.keys(form.attributes)).toEqual(['__proto__']);
  });

  it('treats names that are not attribute[…] as plain fields', () => {
    expect(parseOpen311Form('attribute=1&attribute[]=2&attribute[a][b]=3').fields).toEqual({ attribute: '1', 'attribute[]': '2', 'attribute[a][b]': '3' });
  });
});
