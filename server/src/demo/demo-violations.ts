import type { ModuleRef } from '@nestjs/core';
import { addDays } from '@privacy-desk/shared';
import type { Role } from '@privacy-desk/shared';
import type { Actor } from '../auth/actor.js';
import { DeskCalendar } from '../disclosures/desk-calendar.js';
import { DisclosuresService } from '../disclosures/disclosures.service.js';
import { SubjectsService } from '../subjects/subjects.service.js';
import type { ViolationFlag } from '../violations/violation-flag.entity.js';
import { ViolationsService } from '../violations/violations.service.js';

/**
 * Violation flags for the demo desk, through the services (so they are checked and audited):
 * an open flag, and a confirmed one decided by the demo compliance officer, with a
 * `tos_violation` disclosure citing it (pending review: the officer who decided the flag may
 * not approve it). Runs with the demo requests, once, on an empty database outside production.
 */
export async function seedDemoViolations(
  moduleRef: ModuleRef,
  accounts: { id: string; name: string; role: Role }[],
): Promise<{ confirmed: ViolationFlag | null }> {
  const subjects = moduleRef.get(SubjectsService, { strict: false });
  const violations = moduleRef.get(ViolationsService, { strict: false });
  const disclosures = moduleRef.get(DisclosuresService, { strict: false });
  const calendar = moduleRef.get(DeskCalendar, { strict: false });
  const actorOf = (role: Role): Actor => {
    const user = accounts.find((u) => u.role === role)!;
    return { type: 'user', id: user.id, label: user.name, role };
  };
  const staff = actorOf('staff');
  const officer = actorOf('compliance_officer');
  const mia = await subjects.findByEmail('mia.keller@example.com');
  const carlos = await subjects.findByEmail('carlos@example.com');
  if (!mia || !carlos) return { confirmed: null };

  await violations.create(staff, {
    subjectId: mia.id,
    category: 'spam',
    severity: 'medium',
    termsClause: '5.1 Messaging limits',
    description: 'Sent 4,000 identical messages to other members within an hour.',
    evidenceText: 'Rate-limit alerts from the messaging service, 02:10 to 03:05 UTC.',
    evidenceLinks: ['https://monitoring.example.com/alerts/spam-burst'],
    source: 'monitoring_review',
  });

  const flagged = await violations.create(staff, {
    subjectId: carlos.id,
    category: 'fraud',
    severity: 'high',
    termsClause: '4.2 Prohibited uses',
    description: 'Twelve chargebacks in one week on cards issued to other people.',
    evidenceText: 'Payment processor fraud report; card numbers tested in sequence.',
    evidenceLinks: ['https://payments.example.com/reports/chargebacks'],
    source: 'report',
  });
  const reviewing = await violations.act(officer, flagged.id, 'start_review', {
    version: flagged.version,
  });
  const confirmed = await violations.act(officer, flagged.id, 'confirm', {
    version: reviewing.version,
    reason: 'The processor report and the login history show card testing from this account.',
    enforcementAction: 'suspension',
  });

  await disclosures.record(staff, {
    aggregated: false,
    subjects: [{ subjectId: carlos.id, violationFlagId: confirmed.id }],
    recipientName: 'Card issuer fraud team',
    recipientType: 'business_partner',
    basis: 'tos_violation',
    purpose: 'Report the card testing behind the confirmed violation to the card issuer',
    dataCategories: ['name', 'email'],
    disclosedAt: addDays(calendar.today(), -3),
  });
  return { confirmed };
}
