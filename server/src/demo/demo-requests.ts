import type { Actor } from '../auth/actor.js';
import type { RequestIntakeService } from '../requests/request-intake.service.js';
import type { RequestLifecycleService } from '../requests/request-lifecycle.service.js';
import type { SubjectsService } from '../subjects/subjects.service.js';
import type { OptOutChecklistService } from '../suppressions/opt-out-checklist.service.js';

/**
 * A small, believable desk to try the console on: subjects, and requests in each state of
 * the life cycle, one of them overdue. Only on an empty database outside production.
 */
export async function seedDemoRequests(
  subjects: SubjectsService,
  requests: {
    intake: RequestIntakeService;
    lifecycle: RequestLifecycleService;
    /** The opt-out's downstream checklist, ticked before it completes. */
    optOutChecks?: Pick<OptOutChecklistService, 'confirmAll'>;
  },
  staff: Actor,
  system: Actor,
  /** The injected clock's now: the demo's dates are relative to it. */
  now: Date,
): Promise<{ count: number; pendingToken: string | undefined }> {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  // A desk a few weeks in knows its customers from the company's records, not from staff typing.
  const importer: Actor = { type: 'system', id: 'import', label: 'Customer records import' };
  const imported = 'Imported from the customer records';
  await subjects.create(
    importer,
    {
      name: 'Ada Byron',
      email: 'ada.byron@example.com',
      phone: '+44 20 7946 0018',
      company: 'Analytical Engines Ltd',
      city: 'London',
      country: 'GB',
      jobTitle: 'Analyst',
    },
    imported,
  );
  await subjects.create(
    importer,
    {
      name: 'Carlos Rivera',
      email: 'carlos@example.com',
      phone: '+1 415 555 0142',
      city: 'San Francisco',
      region: 'CA',
      country: 'US',
    },
    imported,
  );
  await subjects.create(
    importer,
    {
      name: 'Mia Keller',
      email: 'mia.keller@example.com',
      country: 'DE',
      city: 'Hamburg',
    },
    imported,
  );

  const entries = [
    {
      kind: 'correction' as const,
      jurisdiction: 'gdpr' as const,
      requesterName: 'Ada Byron',
      requesterEmail: 'ada.byron@example.com',
      days: 3,
      payload: {
        corrections: [
          { field: 'jobTitle', requestedValue: 'Lead Analyst', note: 'Promoted in March' },
        ],
      },
    },
    {
      kind: 'opt_out' as const,
      jurisdiction: 'ccpa' as const,
      requesterName: 'Carlos Rivera',
      requesterEmail: 'carlos@example.com',
      days: 12,
      payload: { channels: ['email', 'phone'], scopes: ['marketing_contact', 'partner_sharing'] },
    },
    {
      kind: 'access' as const,
      jurisdiction: 'gdpr' as const,
      requesterName: 'Mia Keller',
      requesterEmail: 'mia.keller@example.com',
      days: 35,
      payload: { format: 'pdf' },
    },
    {
      kind: 'disclosure_report' as const,
      jurisdiction: 'hipaa' as const,
      requesterName: 'Jordan Lee',
      requesterEmail: 'jordan.lee@example.com',
      days: 20,
      payload: { periodStart: '2026-01-01', periodEnd: '2026-06-30' },
    },
    {
      kind: 'opt_out' as const,
      jurisdiction: 'can_spam' as const,
      requesterName: 'Sam Taylor',
      requesterEmail: 'sam.taylor@example.com',
      days: 1,
      payload: { channels: ['email'], scopes: ['marketing_contact'] },
    },
  ];
  const created = [];
  for (const e of entries) {
    const { request } = await requests.intake.create(staff, {
      kind: e.kind,
      channel: 'email',
      jurisdiction: e.jurisdiction,
      requesterName: e.requesterName,
      requesterEmail: e.requesterEmail,
      receivedAt: daysAgo(e.days),
      payload: e.payload,
      enteredById: staff.id,
      status: 'new',
      notifyRequester: true,
    });
    created.push(request);
  }
  const [correction, optOut, , disclosureReport] = created;
  const claimed = await requests.lifecycle.act(staff, correction!.id, 'claim', {
    version: correction!.version,
  });
  await requests.lifecycle.addNote(
    staff,
    claimed.id,
    'Checked the HR record: the new title is right.',
  );
  const working = await requests.lifecycle.act(staff, optOut!.id, 'claim', {
    version: optOut!.version,
  });
  await requests.optOutChecks?.confirmAll(
    staff,
    working,
    'Told the CRM, the mailing tool and the call lists by ticket.',
  );
  await requests.lifecycle.act(staff, working.id, 'complete', {
    version: working.version,
    resolution: 'Removed from the marketing lists and from partner sharing.',
  });
  // Waiting on the requester, and one the requester called off: a desk sees both every week.
  const asking = await requests.lifecycle.act(staff, disclosureReport!.id, 'claim', {
    version: disclosureReport!.version,
  });
  await requests.lifecycle.act(staff, asking.id, 'request_info', {
    version: asking.version,
    message: 'Which of your accounts should the report cover: the clinic portal, the app, or both?',
  });
  const { request: calledOff } = await requests.intake.create(staff, {
    kind: 'access',
    channel: 'phone',
    jurisdiction: 'ccpa',
    requesterName: 'Tom Becker',
    requesterEmail: 'tom.becker@example.com',
    receivedAt: daysAgo(6),
    payload: { format: 'pdf' },
    enteredById: staff.id,
    status: 'new',
    notifyRequester: true,
  });
  const takenUp = await requests.lifecycle.act(staff, calledOff.id, 'claim', {
    version: calledOff.version,
  });
  await requests.lifecycle.act(staff, takenUp.id, 'withdraw', { version: takenUp.version });
  await requests.lifecycle.addNote(
    staff,
    takenUp.id,
    'Mr Becker phoned back: he found the statements he needed and asked us to stop.',
  );
  const pending = await requests.intake.create(system, {
    kind: 'access',
    channel: 'web_form',
    jurisdiction: 'gdpr',
    requesterName: 'Pending Person',
    requesterEmail: 'pending@example.com',
    receivedAt: daysAgo(0),
    payload: { format: 'json' },
    status: 'unverified',
    notifyRequester: true,
  });
  return { count: created.length + 2, pendingToken: pending.verificationToken };
}
