import {
  actionsFor,
  actionsFrom,
  findTransition,
  REQUEST_STATUSES,
  REQUEST_TRANSITIONS,
} from './request-lifecycle.js';
import { isPermission } from './permissions.js';

describe('request life cycle', () => {
  it('declares each (status, action) pair once, between known statuses, with a known permission', () => {
    const keys = REQUEST_TRANSITIONS.map((t) => `${t.from}:${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of REQUEST_TRANSITIONS) {
      expect(REQUEST_STATUSES).toContain(t.from);
      expect(REQUEST_STATUSES).toContain(t.to);
      expect(t.allowedBy === 'requester' || isPermission(t.allowedBy)).toBe(true);
    }
  });

  it('follows the documented paths', () => {
    expect(findTransition('unverified', 'verify')?.to).toBe('new');
    expect(findTransition('new', 'claim')?.to).toBe('in_progress');
    expect(findTransition('in_progress', 'request_info')?.to).toBe('awaiting_requester');
    expect(findTransition('awaiting_requester', 'resume')?.to).toBe('in_progress');
    expect(findTransition('in_progress', 'reject')?.requires).toEqual(['reason']);
    expect(findTransition('new', 'reject')?.to).toBe('rejected');
    expect(findTransition('completed', 'reject')).toBeUndefined();
    expect(findTransition('unverified', 'claim')).toBeUndefined();
    expect(findTransition('unverified', 'mark_verified')).toMatchObject({
      to: 'new',
      requires: ['reason'],
    });
    expect(findTransition('unverified', 'resend_verification')?.to).toBe('unverified');
    expect(findTransition('new', 'mark_verified')).toBeUndefined();
    expect(findTransition('new', 'resend_verification')).toBeUndefined();
  });

  it('leaves closed requests with no action', () => {
    for (const status of ['completed', 'rejected', 'withdrawn'] as const)
      expect(actionsFrom(status)).toEqual([]);
  });

  it('offers each role only the actions its permissions allow', () => {
    expect(actionsFor('staff', 'new').sort()).toEqual(['claim', 'reject']);
    expect(actionsFor('manager', 'new')).toEqual(['assign']);
    expect(actionsFor('admin', 'in_progress')).toEqual([]);
    expect(actionsFor('staff', 'unverified').sort()).toEqual([
      'mark_verified',
      'reject',
      'resend_verification',
    ]);
    expect(actionsFor('manager', 'unverified')).toEqual([]);
  });
});
