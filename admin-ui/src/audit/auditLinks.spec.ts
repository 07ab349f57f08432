import { auditActorLink, auditRecordLink, type AuditEntryRecord } from './auditLinks.js';

const entry = (over: Partial<AuditEntryRecord>): AuditEntryRecord => ({
  id: 1,
  seq: 1,
  at: '2026-11-30T10:00:00.000Z',
  actorType: 'user',
  actorId: 'u-1',
  actorLabel: 'Sam Staff (staff)',
  action: 'request.claim',
  actionLabel: 'Request: claimed',
  entityType: 'request',
  entityTypeLabel: 'Request',
  entityId: 'r-1',
  entityLabel: 'PR-2026-000007',
  summary: 'Claimed',
  ...over,
});

describe('auditRecordLink', () => {
  it("opens a request's page under its reference for a role that may read requests", () => {
    expect(auditRecordLink(entry({}), 'staff')).toEqual({
      to: '/requests/r-1/show',
      text: 'Request PR-2026-000007',
    });
  });

  it('opens an account for an admin, by its name', () => {
    const user = entry({
      entityType: 'user',
      entityTypeLabel: 'User',
      entityId: 'u-9',
      entityLabel: 'Ada Admin',
    });
    expect(auditRecordLink(user, 'admin')).toEqual({ to: '/users/u-9', text: 'User Ada Admin' });
    expect(auditRecordLink(user, 'compliance_officer')).toEqual({
      to: null,
      text: 'User Ada Admin',
    });
  });

  it('names a record without a page, or of an unknown kind, in words and links nowhere', () => {
    expect(
      auditRecordLink(
        entry({ entityType: 'report', entityTypeLabel: 'Report', entityLabel: null }),
        'admin',
      ),
    ).toEqual({ to: null, text: 'Report' });
    expect(
      auditRecordLink(entry({ entityType: 'gone_thing', entityTypeLabel: 'Gone thing' }), 'admin'),
    ).toEqual({ to: null, text: 'Gone thing PR-2026-000007' });
  });

  it('gives no link to a reader without a role', () => {
    expect(auditRecordLink(entry({}), undefined).to).toBeNull();
  });
});

describe('auditActorLink', () => {
  it("links a person's account for admins only; API clients and the system stay text", () => {
    expect(auditActorLink(entry({}), 'admin')).toEqual({
      to: '/users/u-1',
      text: 'Sam Staff (staff)',
    });
    expect(auditActorLink(entry({}), 'compliance_officer').to).toBeNull();
    expect(
      auditActorLink(entry({ actorType: 'system', actorId: null, actorLabel: 'System' }), 'admin'),
    ).toEqual({ to: null, text: 'System' });
  });
});
