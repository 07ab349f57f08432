import type { ModuleRef } from '@nestjs/core';
import { addDays, dateInZone } from '@privacy-desk/shared';
import type { Jurisdiction, Role, SubmittableKind } from '@privacy-desk/shared';
import type { Actor } from '../auth/actor.js';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import { AppConfig } from '../config/app-config.js';
import { RequestIntakeService } from '../requests/request-intake.service.js';
import { RequestLifecycleService } from '../requests/request-lifecycle.service.js';
import { OptOutChecklistService } from '../suppressions/opt-out-checklist.service.js';
import { UsersService } from '../users/users.service.js';
import { DemoHistoryRepository } from './demo-history.repository.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Two more staff members, so the manager's workload chart has several people in it. */
export const DEMO_EXTRA_STAFF = [
  { email: 'riley@demo.test', name: 'Riley Reyes' },
  { email: 'jamie@demo.test', name: 'Jamie Chen' },
] as const;

const FIRST_NAMES = ['Alex', 'Blair', 'Casey', 'Dana', 'Eli', 'Farah', 'Gus', 'Hana', 'Ivo'];
const LAST_NAMES = ['Novak', 'Okafor', 'Silva', 'Tanaka', 'Weber', 'Haddad', 'Murphy'];
/** Days from receipt to closing, in turn: mostly in time, a few late. */
const CLOSE_AFTER_DAYS = [3, 9, 14, 24, 33, 6, 40, 2, 18, 48];

/**
 * Twelve weeks of a working desk for the manager's dashboard, relative to `now` (the injected
 * clock) and the same on every fresh start: requests received each week, most of them answered
 * (opt-outs completed after their checklist, the others rejected) and dated back to when they
 * closed; the rest assigned to staff, some overdue and two due within three days.
 */
export async function seedDemoHistory(
  moduleRef: ModuleRef,
  accounts: { id: string; name: string; role: Role }[],
  now: Date,
): Promise<number> {
  const intake = moduleRef.get(RequestIntakeService, { strict: false });
  const lifecycle = moduleRef.get(RequestLifecycleService, { strict: false });
  const checklist = moduleRef.get(OptOutChecklistService, { strict: false });
  const users = moduleRef.get(UsersService, { strict: false });
  const history = moduleRef.get(DemoHistoryRepository, { strict: false });
  const config = moduleRef.get(AppConfig, { strict: false });
  const actorOf = (user: { id: string; name: string }, role: Role): Actor => ({
    type: 'user',
    id: user.id,
    label: user.name,
    role,
  });
  const staffUser = accounts.find((u) => u.role === 'staff')!;
  const managerUser = accounts.find((u) => u.role === 'manager')!;
  const manager = actorOf(managerUser, 'manager');
  const team: Actor[] = [actorOf(staffUser, 'staff')];
  for (const extra of DEMO_EXTRA_STAFF) {
    const user = await users.create(SYSTEM_ACTOR, {
      ...extra,
      role: 'staff',
      password: config.env.DEMO_PASSWORD,
      isDemo: true,
    });
    team.push(actorOf(user, 'staff'));
  }
  const clerk = team[0]!;

  const specOf = (
    n: number,
    receivedAt: Date,
  ): { kind: SubmittableKind; jurisdiction: Jurisdiction; payload: Record<string, unknown> } => {
    const received = dateInZone(receivedAt, config.clockSettings.timeZone);
    switch (n % 4) {
      case 0:
        return {
          kind: 'opt_out',
          jurisdiction: 'can_spam',
          payload: { channels: ['email'], scopes: ['marketing_contact'] },
        };
      case 1:
        return {
          kind: 'access',
          jurisdiction: n % 3 ? 'gdpr' : 'ccpa',
          payload: { format: 'pdf' },
        };
      case 2:
        return {
          kind: 'correction',
          jurisdiction: 'gdpr',
          payload: { corrections: [{ field: 'city', requestedValue: 'Lisbon' }] },
        };
      default:
        return {
          kind: 'disclosure_report',
          jurisdiction: 'hipaa',
          payload: { periodStart: addDays(received, -180), periodEnd: received },
        };
    }
  };

  let n = 0;
  const enter = async (receivedAt: Date, spec = specOf(n, receivedAt)) => {
    const first = FIRST_NAMES[n % FIRST_NAMES.length]!;
    const last = LAST_NAMES[n % LAST_NAMES.length]!;
    const { request } = await intake.create(clerk, {
      ...spec,
      channel: 'email',
      requesterName: `${first} ${last}`,
      requesterEmail: `${first}.${last}.${n}@example.com`.toLowerCase(),
      receivedAt,
      enteredById: clerk.id,
      status: 'new',
      notifyRequester: false,
    });
    return request;
  };
  const assign = (request: { id: string; version: number }, to: Actor) =>
    lifecycle.act(manager, request.id, 'assign', { version: request.version, assigneeId: to.id! });

  for (let week = 11; week >= 0; week--) {
    const perWeek = 2 + (week % 3 === 1 ? 1 : 0) + (week < 4 ? 1 : 0);
    for (let j = 0; j < perWeek; j++) {
      n += 1;
      const receivedAt = new Date(now.getTime() - (week * 7 + j * 2 + 1) * DAY_MS - 2 * HOUR_MS);
      const request = await enter(receivedAt);
      const closedAt = new Date(
        receivedAt.getTime() +
          CLOSE_AFTER_DAYS[n % CLOSE_AFTER_DAYS.length]! * DAY_MS +
          (n % 5) * HOUR_MS,
      );
      const holder = team[n % team.length]!;
      if (n % 6 === 0 || closedAt.getTime() > now.getTime() - HOUR_MS) {
        await assign(request, holder); // still open: some of these are overdue by now
        continue;
      }
      if (request.kind === 'opt_out') {
        const claimed = await lifecycle.act(holder, request.id, 'claim', {
          version: request.version,
        });
        await checklist.confirmAll(holder, claimed, 'Told the mailing tool and the CRM by ticket.');
        await lifecycle.act(holder, claimed.id, 'complete', {
          version: claimed.version,
          resolution: 'Removed from the marketing lists.',
        });
      } else {
        await lifecycle.act(holder, request.id, 'reject', {
          version: request.version,
          reason: 'We could not verify the requester’s identity from the details given.',
        });
      }
      await history.backdateClosing(request.id, closedAt);
    }
  }
  // Two CCPA requests due within three days (45 calendar days from receipt).
  for (const [days, holder] of [
    [44, team[1]!],
    [43, team[2]!],
  ] as const) {
    n += 1;
    const receivedAt = new Date(now.getTime() - days * DAY_MS);
    await assign(
      await enter(receivedAt, {
        kind: 'access',
        jurisdiction: 'ccpa',
        payload: { format: 'json' },
      }),
      holder,
    );
  }
  return n;
}
