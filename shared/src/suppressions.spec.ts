import { JURISDICTIONS } from './requests.js';
import {
  canonicalPostalAddress,
  STOP_BY_RULES,
  stopByRuleFor,
  SUPPRESSION_CHANNELS,
  SUPPRESSION_SCOPES,
  suppressionStopBy,
} from './suppressions.js';

describe('the stop-by date of a suppression', () => {
  it('gives CAN-SPAM marketing email 10 business days (15 U.S.C. §7704(a)(4))', () => {
    // Thursday 2026-11-26 is Thanksgiving: skipped as a holiday.
    const result = suppressionStopBy({
      jurisdiction: 'can_spam',
      scope: 'marketing_contact',
      channel: 'email',
      effectiveOn: '2026-11-23',
      holidays: ['2026-11-26'],
    });
    expect(result).toMatchObject({ stopBy: '2026-12-08', ruleId: 'can_spam_email' });
    expect(result.citation).toBe('15 U.S.C. §7704(a)(4)');
    expect(result.explanation).toMatch(/10 business days after 2026-11-23/);
  });

  it('gives a CCPA opt-out of sharing 15 business days (CCPA Regs. §7026(f))', () => {
    const result = suppressionStopBy({
      jurisdiction: 'ccpa',
      scope: 'partner_sharing',
      channel: 'post',
      effectiveOn: '2027-03-01',
    });
    expect(result).toMatchObject({ stopBy: '2027-03-22', citation: 'CCPA Regs. §7026(f)' });
  });

  it('treats CCPA marketing email under CAN-SPAM: marketing contact is not a CCPA right', () => {
    expect(stopByRuleFor('ccpa', 'marketing_contact', 'email').id).toBe('can_spam_email');
    expect(stopByRuleFor('ccpa', 'marketing_contact', 'phone').id).toBe('policy');
  });

  it('stops GDPR direct marketing the day the objection took effect (Art. 21(3))', () => {
    for (const scope of SUPPRESSION_SCOPES) {
      const result = suppressionStopBy({
        jurisdiction: 'gdpr',
        scope,
        channel: 'email',
        effectiveOn: '2027-03-05',
      });
      expect(result).toMatchObject({ stopBy: '2027-03-05', citation: 'GDPR Art. 21(3)' });
      expect(result.explanation).toMatch(/the day it took effect/);
    }
  });

  it('has a rule, with a citation, for every jurisdiction, scope and channel', () => {
    for (const jurisdiction of JURISDICTIONS)
      for (const scope of SUPPRESSION_SCOPES)
        for (const channel of SUPPRESSION_CHANNELS) {
          const rule = stopByRuleFor(jurisdiction, scope, channel);
          expect(rule.citation).not.toBe('');
        }
    for (const rule of STOP_BY_RULES) expect(rule.citation.length).toBeGreaterThan(5);
  });
});

describe('canonicalPostalAddress', () => {
  it('makes one upper-case line of the non-empty parts', () => {
    expect(canonicalPostalAddress(['  1 Main   St ', null, 'Springfield', 'il', '', 'us'])).toBe(
      '1 MAIN ST, SPRINGFIELD, IL, US',
    );
  });
  it('is null without any text', () => {
    expect(canonicalPostalAddress([null, ' ', undefined])).toBeNull();
  });
});
