import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ROLE_LABELS } from '@privacy-desk/shared';
import type { Role } from '@privacy-desk/shared';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { UserRepository } from '../users/user.repository.js';
import { MailService } from '../mail/mail.service.js';
import { RequestIntakeService } from '../requests/request-intake.service.js';
import { RequestLifecycleService } from '../requests/request-lifecycle.service.js';
import { SubjectsService } from '../subjects/subjects.service.js';
import { OptOutChecklistService } from '../suppressions/opt-out-checklist.service.js';
import { UsersService } from '../users/users.service.js';
import { seedDemoDisclosures } from './demo-disclosures.js';
import { seedDemoHistory } from './demo-history.js';
import { seedDemoLegalProcess } from './demo-legal-process.js';
import { seedDemoRequests } from './demo-requests.js';
import { seedDemoSuppressions } from './demo-suppressions.js';
import { seedDemoViolations } from './demo-violations.js';

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role }[] = [
  { email: 'staff@demo.test', name: 'Sam Staff', role: 'staff' },
  { email: 'compliance@demo.test', name: 'Chris Compliance', role: 'compliance_officer' },
  { email: 'manager@demo.test', name: 'Morgan Manager', role: 'manager' },
  { email: 'admin@demo.test', name: 'Alex Admin', role: 'admin' },
];

/** Outside production, an empty database gets one demo account per role. Never in production. */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly usersService: UsersService,
    private readonly subjects: SubjectsService,
    private readonly intake: RequestIntakeService,
    private readonly lifecycle: RequestLifecycleService,
    private readonly mail: MailService,
    private readonly moduleRef: ModuleRef,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.isProduction || !this.config.env.SEED_DEMO_DATA) return;
    if ((await this.users.count()) > 0) return;
    let seededRequests = 0;
    let pendingToken: string | undefined;
    try {
      const created = [];
      for (const account of DEMO_ACCOUNTS) {
        created.push(
          await this.usersService.create(SYSTEM_ACTOR, {
            ...account,
            password: this.config.env.DEMO_PASSWORD,
            isDemo: true,
          }),
        );
      }
      if (this.config.env.SEED_DEMO_REQUESTS) {
        const staff = created.find((u) => u.role === 'staff')!;
        ({ count: seededRequests, pendingToken } = await seedDemoRequests(
          this.subjects,
          {
            intake: this.intake,
            lifecycle: this.lifecycle,
            optOutChecks: this.moduleRef.get(OptOutChecklistService, { strict: false }),
          },
          { type: 'user', id: staff.id, label: staff.name, role: 'staff' },
          SYSTEM_ACTOR,
          this.clock.now(),
        ));
        await seedDemoLegalProcess(this.moduleRef, created);
        await seedDemoViolations(this.moduleRef, created);
        await seedDemoDisclosures(this.moduleRef, created);
        await seedDemoSuppressions(this.moduleRef);
        // Last: the dashboard's twelve weeks of history, after the desk the other demos expect.
        seededRequests += await seedDemoHistory(this.moduleRef, created, this.clock.now());
      }
    } catch (error) {
      // Another instance seeding the same empty database at the same moment wins; that is fine.
      this.logger.warn(`Demo seeding stopped: ${(error as Error).message}`);
      return;
    }
    const lines = DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(24)} ${ROLE_LABELS[a.role]}`);
    if (this.config.env.LOG_LEVEL === 'silent') return;
    // Printed whatever the log level: this is how someone trying the app learns how to sign in.
    console.log(
      `Seeded demo accounts (password: DEMO_PASSWORD, default "privacy-desk-demo"):\n${lines.join('\n')}` +
        (seededRequests ? `\nand ${seededRequests} demo requests with their subjects.` : ''),
    );
    // The outbox never shows a usable confirmation link (it is rendered only when the mail is
    // sent), so the demo's pending request gets its link here, on a development console only.
    if (pendingToken && this.config.env.NODE_ENV === 'development') {
      console.log(
        `Demo confirmation link of the unverified request (development only): ${this.mail.verificationUrl(pendingToken)}`,
      );
    }
  }
}
