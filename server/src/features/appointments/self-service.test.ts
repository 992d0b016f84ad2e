import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { fiscalCode, freeSlots } from './appointments.fixture';
import { bookForCaller, nextFreeSlot } from './self-service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

const languages = ['it', 'en', 'fr', 'es', 'de', 'ar', 'zh', 'ru', 'pt'] as const;

describe('self-service for the phone line and the chat assistant', () => {
  it('tells the first free slot in every language, with office and address', async () => {
    const texts = new Set<string>();
    for (const lang of languages) {
      const answer = await nextFreeSlot(t.app.ctx, { service: 'cie', office: 'anagrafe-centrale', lang });
      expect(answer.slot?.office).toBe('anagrafe-centrale');
      expect(answer.text).toContain('Via Larga 12');
      expect(answer.text).not.toMatch(/\{\w+\}/);
      texts.add(answer.text);
    }
    expect(texts.size).toBe(9);
    const en = await nextFreeSlot(t.app.ctx, { service: 'cie', lang: 'en' });
    expect(en.text).toMatch(/^The first free appointment for Electronic identity card \(CIE\) is on /);
  });

  it('says so when nothing is free', async () => {
    await t.app.ctx.database.query("update appointment_slots set booked = capacity where service_code = 'certificati' and office_slug = 'anagrafe-padova'");
    const answer = await nextFreeSlot(t.app.ctx, { service: 'certificati', office: 'anagrafe-padova', lang: 'de' });
    expect(answer.slot).toBeNull();
    expect(answer.text).toContain('Warteliste');
  });

  it('books for the caller and reads the code back in their language', async () => {
    const [slot] = await freeSlots(t.app, 'cie', 'anagrafe-de-benedetti', 8);
    const answer = await bookForCaller(t.app.ctx, { slotId: slot!.id, fiscalCode: fiscalCode(5).toLowerCase(), name: 'Wang Li', phone: '+39 347 000 1111', lang: 'zh' });
    expect(answer.code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(answer.text).toContain(answer.code);
    expect(answer.text).toContain('电子身份证');
    await expect(bookForCaller(t.app.ctx, { slotId: slot!.id, fiscalCode: 'XXX', name: 'Wang Li', lang: 'zh' })).rejects.toMatchObject({ code: 'appointments.invalid_fiscal_code' });
  });
});
