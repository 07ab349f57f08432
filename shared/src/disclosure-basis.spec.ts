import { BASIS_RULES, basisFields, checkDisclosureBasis } from './disclosure-basis.js';
import type { DisclosureBasisContext, DisclosureBasisInput } from './disclosure-basis.js';
import { DISCLOSURE_BASES } from './disclosure-log.js';

const today = '2027-03-10';
const base = (over: Partial<DisclosureBasisInput> = {}): DisclosureBasisInput => ({
  basis: 'service_delivery',
  aggregated: false,
  subjects: [{ subjectId: 's1' }],
  dataCategories: ['email'],
  disclosedOn: '2027-03-01',
  ...over,
});
const check = (
  over: Partial<DisclosureBasisInput>,
  context: Partial<DisclosureBasisContext> = {},
) => checkDisclosureBasis(base(over), { today, ...context });

describe('disclosure basis rules', () => {
  it('every rule cites its source and describes itself', () => {
    for (const rule of BASIS_RULES) {
      expect(rule.citation.length).toBeGreaterThan(10);
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });

  it('accepts a plain service-delivery disclosure', () => {
    expect(check({})).toEqual({});
  });

  it('needs data categories, known ones', () => {
    expect(check({ dataCategories: [] })).toEqual({ dataCategories: expect.any(String) });
    expect(check({ dataCategories: ['shoe_size'] })).toEqual({
      dataCategories: expect.stringContaining('shoe_size'),
    });
  });

  it('refuses a date in the future, and a malformed one', () => {
    expect(check({ disclosedOn: '2027-03-11' })).toEqual({
      disclosedAt: expect.stringContaining('future'),
    });
    expect(check({ disclosedOn: today })).toEqual({});
    expect(check({ disclosedOn: '2027-02-30' })).toEqual({ disclosedAt: expect.any(String) });
  });

  it('aggregated statistics name no subject; others name at least one, once each', () => {
    expect(check({ aggregated: true, subjects: [] })).toEqual({});
    expect(check({ aggregated: true })).toEqual({ subjects: expect.any(String) });
    expect(check({ subjects: [] })).toEqual({ subjects: expect.any(String) });
    expect(check({ subjects: [{ subjectId: 's1' }, { subjectId: 's1' }] })).toEqual({
      'subjects.1.subjectId': expect.stringContaining('twice'),
    });
    expect(check({}, { knownSubjectIds: ['s2'] })).toEqual({
      'subjects.0.subjectId': 'No such subject.',
    });
  });

  it('consent cites a request, a document or a dated note', () => {
    expect(check({ basis: 'consent' })).toEqual({ consentRequestId: expect.any(String) });
    expect(check({ basis: 'consent', consentRequestId: 'r1' })).toEqual({});
    expect(
      check({ basis: 'consent', consentRequestId: 'r1' }, { consentRequestExists: false }),
    ).toEqual({ consentRequestId: 'No such request.' });
    expect(check({ basis: 'consent', consentDocumentSha256: 'abc' })).toEqual({
      consentDocumentSha256: expect.any(String),
    });
    expect(check({ basis: 'consent', consentDocumentSha256: 'a'.repeat(64) })).toEqual({});
    expect(check({ basis: 'consent', consentNote: 'Said yes by phone' })).toEqual({
      consentGivenOn: expect.any(String),
    });
    expect(
      check({ basis: 'consent', consentNote: 'Said yes by phone', consentGivenOn: '2027-03-12' }),
    ).toEqual({ consentGivenOn: expect.stringContaining('future') });
    expect(
      check({ basis: 'consent', consentNote: 'Said yes by phone', consentGivenOn: '2027-02-01' }),
    ).toEqual({});
  });

  it('legal process links its record', () => {
    expect(check({ basis: 'legal_process' })).toEqual({ legalProcessId: expect.any(String) });
    expect(check({ basis: 'legal_process', legalProcessId: 'lp' })).toEqual({});
    expect(
      check({ basis: 'legal_process', legalProcessId: 'lp' }, { legalProcessExists: false }),
    ).toEqual({ legalProcessId: expect.any(String) });
  });

  it('a ToS violation cites a confirmed flag for every subject, naming the one lacking it', () => {
    const subjects = [
      { subjectId: 's1', violationFlagId: 'f1' },
      { subjectId: 's2', violationFlagId: null },
    ];
    expect(
      check({ basis: 'tos_violation', subjects }, { subjectLabels: { s2: 'Bo Roe' } }),
    ).toEqual({ 'subjects.1.violationFlagId': expect.stringContaining('Bo Roe') });
    expect(
      check(
        { basis: 'tos_violation', subjects: [{ subjectId: 's1', violationFlagId: 'f9' }] },
        { confirmedFlagsBySubject: { s1: ['f1'] } },
      ),
    ).toEqual({ 'subjects.0.violationFlagId': expect.stringContaining('not a confirmed') });
    expect(
      check(
        { basis: 'tos_violation', subjects: [{ subjectId: 's1', violationFlagId: 'f1' }] },
        { confirmedFlagsBySubject: { s1: ['f1'] } },
      ),
    ).toEqual({});
  });

  it('partner marketing is refused for a subject who opted out of partner sharing', () => {
    expect(check({ basis: 'partner_marketing' }, { partnerSharingOptOuts: ['s1'] })).toEqual({
      'subjects.0.subjectId': expect.stringContaining('opted out'),
    });
    expect(check({ basis: 'partner_marketing' }, { partnerSharingOptOuts: ['s2'] })).toEqual({});
  });

  it('names the extra fields each basis shows', () => {
    expect(DISCLOSURE_BASES.map((b) => [b, basisFields(b)])).toEqual([
      ['consent', ['consentEvidence']],
      ['service_delivery', []],
      ['partner_marketing', []],
      ['legal_process', ['legalProcessId']],
      ['tos_violation', ['violationFlags']],
      ['suspected_fraud_or_illegal', []],
    ]);
  });
});
