import type { AuditAction, AuditedRecordType } from '@privacy-desk/shared';
import type { AuditService } from '../../src/audit/audit.service.js';
import { SYSTEM_ACTOR } from '../../src/auth/actor.js';

/**
 * A test job's side effect: an audit entry under a test-only action, so a test can count the
 * effects that committed (and see which attempt wrote each, through `summary`).
 */
export function recordTestEffect(
  audit: AuditService,
  effect: { action: string; key?: string; summary: string },
): Promise<unknown> {
  return audit.record(SYSTEM_ACTOR, {
    action: effect.action as AuditAction,
    entityType: 'test' as AuditedRecordType,
    ...(effect.key === undefined ? {} : { entityId: effect.key }),
    summary: effect.summary,
  });
}
