import {
  AUDIT_ACTION_CHOICES,
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  AUDITED_RECORD_CHOICES,
  auditActionLabel,
  auditEntityPath,
  auditEntityTypeLabel,
} from './audit-log.js';
import { REQUEST_ACTIONS } from './request-lifecycle.js';
import { VIOLATION_ACTIONS } from './violation-lifecycle.js';

describe('audit log words', () => {
  it('labels every action as a person would read it: capitalised, no codes', () => {
    for (const action of AUDIT_ACTIONS) {
      const label = AUDIT_ACTION_LABELS[action];
      expect(label).toMatch(/^[A-Z]/);
      expect(label).not.toMatch(/_|\b[a-z]+\.[a-z]+\b/);
    }
  });

  it('covers every action of the request and violation life cycles', () => {
    for (const action of REQUEST_ACTIONS) expect(AUDIT_ACTIONS).toContain(`request.${action}`);
    for (const action of VIOLATION_ACTIONS) expect(AUDIT_ACTIONS).toContain(`violation.${action}`);
  });

  it('offers the actions and record kinds as choices in alphabetical order, each once', () => {
    const names = AUDIT_ACTION_CHOICES.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(AUDIT_ACTION_CHOICES).toHaveLength(AUDIT_ACTIONS.length);
    const kinds = AUDITED_RECORD_CHOICES.map((c) => c.name);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toContain('Request');
  });

  it('keeps an action no longer written readable', () => {
    expect(auditActionLabel('request.claim')).toBe('Request: claimed');
    expect(auditActionLabel('subject.merged_into')).toBe('Subject: merged into');
    expect(auditActionLabel('widget.spun_up')).toBe('Widget: spun up');
    expect(auditEntityTypeLabel('violation_flag')).toBe('Violation flag');
    expect(auditEntityTypeLabel('')).toBe('Record');
  });

  it('gives the console page of a record, or none', () => {
    expect(auditEntityPath('request', 'a/b')).toBe('/requests/a%2Fb/show');
    expect(auditEntityPath('privacy_request', 'r1')).toBe('/requests/r1/show');
    expect(auditEntityPath('user', 'u1')).toBe('/users/u1');
    expect(auditEntityPath('api_key', 'k1')).toBe('/api-keys');
    expect(auditEntityPath('report', 'x')).toBeNull();
    expect(auditEntityPath('request', null)).toBeNull();
    expect(auditEntityPath('unknown', 'x')).toBeNull();
  });
});
