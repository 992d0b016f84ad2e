import { describe, expect, it } from 'vitest';
import { validateAttributes, type AttributeDefinition } from './attributes';

const t = { it: 'x' };
const def = (code: string, datatype: AttributeDefinition['datatype'], extra: Partial<AttributeDefinition> = {}): AttributeDefinition => ({
  code,
  variable: true,
  datatype,
  required: false,
  order: 1,
  description: t,
  datatypeDescription: null,
  values: datatype.endsWith('list') ? [{ key: 'a', name: t }, { key: 'b', name: t }] : [],
  ...extra,
});
const defs = [
  def('s', 'string'),
  def('txt', 'text'),
  def('n', 'number', { required: true }),
  def('d', 'datetime'),
  def('one', 'singlevaluelist'),
  def('many', 'multivaluelist'),
  def('info', 'text', { variable: false }),
];
const check = (input: Record<string, string | string[]>) => validateAttributes(defs, input, 'Europe/Rome');

describe('attribute values against a service definition', () => {
  it('keeps valid values in their stored form', () => {
    expect(check({ s: ' ciao ', txt: 'lungo', n: '2.5', d: '2026-12-20T09:00', one: 'a', many: ['b', 'a', 'b'] })).toEqual({
      values: { s: 'ciao', txt: 'lungo', n: 2.5, d: '2026-12-20T08:00:00.000Z', one: 'a', many: ['b', 'a'] },
      problems: [],
    });
    expect(check({ n: '3', many: 'a' }).values).toEqual({ n: 3, many: ['a'] });
  });

  it('reports each problem with its attribute code', () => {
    const { problems } = check({ s: 'x'.repeat(501), n: '1e3', d: 'domani', one: 'c', many: ['a', 'z'], info: 'x', other: '1' });
    expect(Object.fromEntries(problems.map((p) => [p.code, p.message]))).toEqual({
      s: 'is longer than 500 characters',
      n: 'must be a number',
      d: 'must be an ISO 8601 date-time',
      one: 'must be one of a, b',
      many: 'must be among a, b',
      info: 'is information only and takes no value',
      other: 'is not an attribute of this service',
    });
  });

  it('requires required values (blank counts as missing) and one value for single datatypes', () => {
    expect(check({}).problems).toEqual([{ code: 'n', message: 'is required' }]);
    expect(check({ n: '  ' }).problems).toEqual([{ code: 'n', message: 'is required' }]);
    expect(check({ n: '1', one: ['a', 'b'] }).problems).toEqual([{ code: 'one', message: 'takes one value' }]);
  });

  it('does not take inherited object keys as attributes', () => {
    expect(check({ n: '1', toString: 'x' }).problems).toEqual([{ code: 'toString', message: 'is not an attribute of this service' }]);
  });
});
