import { isPermission } from './permissions.js';
import {
  CLOSED_LEGAL_PROCESS_STATUSES,
  findLegalProcessTransition,
  LEGAL_PROCESS_STATUSES,
  LEGAL_PROCESS_TRANSITIONS,
  legalProcessActionsFor,
  legalProcessActionsFrom,
} from './legal-process-lifecycle.js';

describe('legal-process life cycle', () => {
  it('declares each (status, action) pair once, between known statuses, with a known permission', () => {
    const keys = LEGAL_PROCESS_TRANSITIONS.map((t) => `${t.from}:${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of LEGAL_PROCESS_TRANSITIONS) {
      expect(LEGAL_PROCESS_STATUSES).toContain(t.from);
      expect(LEGAL_PROCESS_STATUSES).toContain(t.to);
      expect(isPermission(t.allowedBy)).toBe(true);
    }
  });

  it('goes received → under review → responded, rejected or withdrawn', () => {
    expect(findLegalProcessTransition('received', 'start_review')).toMatchObject({
      to: 'under_review',
      requires: ['legalReviewerId'],
    });
    expect(findLegalProcessTransition('under_review', 'respond')).toMatchObject({
      to: 'responded',
      requires: ['outcome'],
    });
    expect(findLegalProcessTransition('under_review', 'reject')?.to).toBe('rejected');
    expect(findLegalProcessTransition('received', 'withdraw')?.to).toBe('withdrawn');
    expect(findLegalProcessTransition('received', 'respond')).toBeUndefined();
    expect(findLegalProcessTransition('responded', 'reject')).toBeUndefined();
  });

  it('allows nothing from a closed status', () => {
    for (const status of CLOSED_LEGAL_PROCESS_STATUSES)
      expect(legalProcessActionsFrom(status)).toEqual([]);
  });

  it('offers actions only to a role that records disclosures', () => {
    expect(legalProcessActionsFor('staff', 'under_review').sort()).toEqual(
      ['reject', 'respond', 'withdraw'].sort(),
    );
    expect(legalProcessActionsFor('compliance_officer', 'received')).toEqual([]);
    expect(legalProcessActionsFor('manager', 'received')).toEqual([]);
  });
});
