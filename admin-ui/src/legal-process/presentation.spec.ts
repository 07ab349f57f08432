import { LEGAL_PROCESS_OUTCOME_LABELS, LEGAL_PROCESS_TYPE_LABELS } from '@privacy-desk/shared';

import { outcomeChoices, outcomeLabel, toApiBody, typeChoices, typeLabel } from './presentation.js';

describe('legal-process console presentation', () => {
  it('labels come from shared/', () => {
    expect(typeChoices.map((c) => c.name)).toEqual(Object.values(LEGAL_PROCESS_TYPE_LABELS));
    expect(outcomeChoices.map((c) => c.name)).toEqual(Object.values(LEGAL_PROCESS_OUTCOME_LABELS));
    expect(typeLabel('court_order')).toBe('Court order');
    expect(outcomeLabel(null)).toBe('—');
  });

  it('sends only writable fields, empty text as null, and no gag date without a gag order', () => {
    expect(
      toApiBody({
        id: 'x',
        reference: 'LP-2026-000001',
        type: 'subpoena',
        caseNumber: '',
        subjectIds: ['a'],
        gagOrder: false,
        gagUntil: '2026-12-31',
        status: 'received',
      }),
    ).toEqual({
      type: 'subpoena',
      caseNumber: null,
      subjectIds: ['a'],
      gagOrder: false,
      gagUntil: null,
    });
    expect(toApiBody({ gagOrder: true, gagUntil: '' })).toEqual({ gagOrder: true, gagUntil: null });
    expect(toApiBody({ responseSummary: 'Fixed', version: 3 }, ['responseSummary'])).toEqual({
      responseSummary: 'Fixed',
      gagOrder: false,
      gagUntil: null,
    });
  });
});
