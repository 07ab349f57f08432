import type { ModuleRef } from '@nestjs/core';
import { addDays, dateInZone } from '@privacy-desk/shared';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { LegalProcessResponseService } from '../legal-process/legal-process-response.service.js';
import { LegalProcessService } from '../legal-process/legal-process.service.js';
import { SubjectsService } from '../subjects/subjects.service.js';
import type { User } from '../users/user.entity.js';

/**
 * Demo legal process, through the services (so it is audited): a court order naming two demo
 * subjects under a gag order, answered in part with a produced disclosure (pending compliance
 * review), and a subpoena that was rejected. Runs with the demo requests, on an empty database.
 */
export async function seedDemoLegalProcess(
  modules: ModuleRef,
  users: Pick<User, 'id' | 'name' | 'role'>[],
): Promise<void> {
  const get = <T>(type: abstract new (...args: never[]) => T) =>
    modules.get(type, { strict: false });
  const processes = get(LegalProcessService);
  const responses = get(LegalProcessResponseService);
  const subjects = get(SubjectsService);
  const clock = get(Clock);
  const zone = get(AppConfig).clockSettings.timeZone;
  const user = users.find((u) => u.role === 'staff');
  if (!user) return;
  const staff: Actor = { type: 'user', id: user.id, label: user.name, role: 'staff' };
  const named = (
    await Promise.all(
      ['ada.byron@example.com', 'carlos@example.com'].map((e) => subjects.findByEmail(e)),
    )
  ).filter((s) => s !== null);
  if (named.length < 2) return;
  const ids = named.map((s) => s.id);
  const today = dateInZone(clock.now(), zone);

  const order = await processes.record(staff, {
    type: 'court_order',
    issuingAuthority: 'Superior Court of California, County of San Francisco',
    requestingAgency: 'San Francisco Police Department',
    requestingOfficer: 'Inspector J. Alvarez',
    identityVerification: 'Called the clerk of the court on the number published on its website.',
    jurisdiction: 'US-CA',
    caseNumber: 'CGC-26-601234',
    receivedAt: addDays(today, -5),
    responseDueOn: addDays(today, 9),
    subjectIds: ids,
    dataCategories: ['name', 'email', 'request_data'],
    periodStart: addDays(today, -365),
    periodEnd: today,
    notes: 'Served by courier.',
    gagOrder: true,
    gagUntil: addDays(today, 60),
  });
  const reviewing = await responses.act(staff, order.id, 'start_review', {
    version: order.version,
    legalReviewerId: user.id,
  });
  await responses.act(staff, order.id, 'respond', {
    version: reviewing.version,
    outcome: 'produced_in_part',
    responseSummary:
      'Produced names and email addresses; request data withheld as outside the order’s scope.',
    productions: [
      {
        recipientName: 'Superior Court of California, County of San Francisco',
        recipientType: 'court',
        recipientAddress: '400 McAllister Street, San Francisco, CA 94102',
        subjectIds: ids,
        dataCategories: ['name', 'email'],
        disclosedAt: new Date(clock.nowMs() - 3_600_000).toISOString(),
        purpose: 'Compliance with court order CGC-26-601234',
      },
    ],
  });

  const subpoena = await processes.record(staff, {
    type: 'subpoena',
    issuingAuthority: 'Office of the District Attorney, Example County',
    jurisdiction: 'US-NY',
    caseNumber: 'DA-2026-0042',
    receivedAt: addDays(today, -10),
    responseDueOn: addDays(today, 4),
    subjectIds: [ids[0]!],
    dataCategories: ['name', 'email', 'phone', 'request_data'],
  });
  const review = await responses.act(staff, subpoena.id, 'start_review', {
    version: subpoena.version,
    legalReviewerId: user.id,
  });
  await responses.act(staff, subpoena.id, 'reject', {
    version: review.version,
    reason: 'Overbroad: it names no particular account or period; asked the office to narrow it.',
  });
}
