import { isPermission } from './permissions.js';
import {
  findViolationTransition,
  VIOLATION_ACTION_LABELS,
  VIOLATION_ACTIONS,
  VIOLATION_STATUSES,
  VIOLATION_TRANSITIONS,
  violationActionsFor,
  violationActionsFrom,
} from './violation-lifecycle.js';

describe('violation flag life cycle', () => {
  it('declares each (status, action) pair once, between known statuses, with a known permission', () => {
    const keys = VIOLATION_TRANSITIONS.map((t) => `${t.from}:${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of VIOLATION_TRANSITIONS) {
      expect(VIOLATION_STATUSES).toContain(t.from);
      expect(VIOLATION_STATUSES).toContain(t.to);
      expect(isPermission(t.allowedBy)).toBe(true);
    }
    for (const action of VIOLATION_ACTIONS) expect(VIOLATION_ACTION_LABELS[action]).toBeTruthy();
  });

  it('decides with a reason, and confirms with an enforcement action', () => {
    expect(findViolationTransition('open', 'start_review')?.to).toBe('under_review');
    expect(findViolationTransition('under_review', 'confirm')).toMatchObject({
      to: 'confirmed',
      requires: ['reason', 'enforcementAction'],
    });
    expect(findViolationTransition('under_review', 'dismiss')?.requires).toEqual(['reason']);
    expect(findViolationTransition('open', 'confirm')).toBeUndefined();
    expect(findViolationTransition('dismissed', 'appeal')).toBeUndefined();
  });

  it('lets staff appeal a confirmed flag and compliance officers decide it', () => {
    expect(violationActionsFor('staff', 'confirmed')).toEqual(['appeal']);
    expect(violationActionsFor('compliance_officer', 'confirmed')).toEqual([
      'uphold_appeal',
      'grant_appeal',
    ]);
    expect(findViolationTransition('confirmed', 'grant_appeal')?.to).toBe('dismissed');
    expect(findViolationTransition('confirmed', 'uphold_appeal')?.to).toBe('confirmed');
    expect(violationActionsFor('manager', 'under_review')).toEqual([]);
    expect(violationActionsFrom('dismissed')).toEqual([]);
  });
});
