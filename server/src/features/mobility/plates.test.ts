import { describe, expect, it } from 'vitest';
import { isItalianPlate, normalisePlate } from './plates';

describe('number plates', () => {
  it('normalises Italian plates written with spaces, dashes or lower case', () => {
    for (const input of ['AB123CD', 'ab 123 cd', 'AB-123-CD', ' Ab 123cD ']) expect(normalisePlate(input)).toBe('AB123CD');
    expect(isItalianPlate('AB123CD')).toBe(true);
  });

  it('keeps foreign formats, upper case and without separators', () => {
    expect(normalisePlate('m-ab 1234')).toBe('MAB1234'); // German
    expect(normalisePlate('GE 123456')).toBe('GE123456'); // Swiss
    expect(isItalianPlate('MAB1234')).toBe(false);
  });

  it('refuses what is not a plate', () => {
    for (const input of ['', 'A', 'AB_123', 'ABCDEFGHIJKLM', "1' or '1'='1", '💥']) expect(normalisePlate(input)).toBeNull();
  });
});
