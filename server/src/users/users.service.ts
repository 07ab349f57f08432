import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Role } from '@privacy-desk/shared';
import { ROLE_LABELS, ROLES, withArticle } from '@privacy-desk/shared';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { loginAccountKey, LoginThrottleRepository } from '../auth/login-throttle.repository.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { SessionRepository } from '../auth/session.repository.js';
import { randomToken } from '../common/crypto/secrets.js';
import {
  conflict,
  notFound,
  staleVersion,
  validationError,
} from '../common/errors/domain-errors.js';
import { parseListQuery } from '../common/list/list-query.js';
import type { ListSpec, RawListParams } from '../common/list/list-query.js';
import { TransactionService } from '../database/transaction.service.js';
import type { CreateUserDto, UpdateUserDto } from './user.dto.js';
import { User } from './user.entity.js';
import { UserRepository } from './user.repository.js';

export const USER_LIST_SPEC: ListSpec = {
  sortable: {
    email: 'email',
    name: 'name',
    role: 'role',
    active: 'active',
    createdAt: 'createdAt',
    lastLoginAt: 'lastLoginAt',
  },
  filterable: {
    q: { column: 'email', kind: 'search', columns: ['email', 'name'] },
    role: { column: 'role', kind: 'exact', values: ROLES },
    active: { column: 'active', kind: 'boolean' },
    id: { column: 'id', kind: 'exact' },
  },
  defaultSort: ['email', 'ASC'],
};

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  isDemo?: boolean;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly throttles: LoginThrottleRepository,
  ) {}

  list(params: RawListParams) {
    return this.users.findPage(parseListQuery(params, USER_LIST_SPEC));
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw notFound('User');
    return user;
  }

  async create(actor: Actor, input: CreateUserDto | NewUser): Promise<User> {
    const passwordHash = await this.hasher.hash(input.password);
    return this.tx.run(async () => {
      const email = normaliseEmail(input.email);
      if (await this.users.findByEmail(email)) {
        throw validationError({ email: 'A staff account with this email already exists' });
      }
      const now = new Date();
      const user = Object.assign(new User(), {
        id: randomUUID(),
        email,
        name: input.name.trim(),
        role: input.role,
        active: true,
        passwordHash,
        mustChangePassword: false,
        mfaEnabled: false,
        mfaSecret: null,
        mfaPendingSecret: null,
        mfaLastStep: null,
        failedLoginCount: 0,
        lockedUntil: null,
        lastLoginAt: null,
        isDemo: 'isDemo' in input ? (input.isDemo ?? false) : false,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await this.users.insert(user);
      await this.audit.record(actor, {
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        summary: `Created ${withArticle(ROLE_LABELS[user.role])} account`,
      });
      return user;
    });
  }

  async update(actor: Actor, id: string, input: UpdateUserDto): Promise<User> {
    return this.tx.run(async () => {
      const user = await this.get(id);
      if (user.version !== input.version) throw staleVersion('This user');
      const changes: string[] = [];
      if (input.name !== undefined && input.name !== user.name) {
        user.name = input.name;
        changes.push('name');
      }
      if (input.role !== undefined && input.role !== user.role) {
        await this.assertNotRemovingLastAdmin(actor, user, 'change the role of');
        changes.push(`role from ${ROLE_LABELS[user.role]} to ${ROLE_LABELS[input.role]}`);
        user.role = input.role;
      }
      let endSessions = false;
      if (input.active !== undefined && input.active !== user.active) {
        if (!input.active) {
          await this.assertNotRemovingLastAdmin(actor, user, 'deactivate');
          endSessions = true;
        }
        user.active = input.active;
        changes.push(input.active ? 'reactivated' : 'deactivated');
      }
      if (changes.length === 0) return user;
      // A role change alters what open sessions may do: make the user sign in again.
      if (changes.some((c) => c.startsWith('role'))) endSessions = true;
      user.updatedAt = new Date();
      if (!(await this.users.saveVersioned(user))) throw staleVersion('This user');
      if (endSessions) await this.sessions.deleteAllForUser(user.id);
      await this.audit.record(actor, {
        action: 'user.updated',
        entityType: 'user',
        entityId: user.id,
        summary: `Changed ${changes.join(', ')}`,
      });
      return user;
    });
  }

  async deactivate(actor: Actor, id: string): Promise<User> {
    return this.tx.run(async () => {
      const user = await this.get(id);
      if (!user.active) return user;
      await this.assertNotRemovingLastAdmin(actor, user, 'deactivate');
      user.active = false;
      user.updatedAt = new Date();
      if (!(await this.users.saveVersioned(user))) throw staleVersion('This user');
      const ended = await this.sessions.deleteAllForUser(user.id);
      await this.audit.record(actor, {
        action: 'user.deactivated',
        entityType: 'user',
        entityId: user.id,
        summary: `Deactivated the account and ended ${ended} session(s)`,
      });
      return user;
    });
  }

  /** Sets a random temporary password that must be changed at next sign-in. */
  async resetPassword(actor: Actor, id: string): Promise<{ temporaryPassword: string }> {
    const temporaryPassword = randomToken(12);
    const passwordHash = await this.hasher.hash(temporaryPassword);
    await this.tx.run(async () => {
      const user = await this.get(id);
      user.passwordHash = passwordHash;
      user.mustChangePassword = true;
      user.failedLoginCount = 0;
      user.lockedUntil = null;
      user.updatedAt = new Date();
      if (!(await this.users.saveVersioned(user))) throw staleVersion('This user');
      const ended = await this.sessions.deleteAllForUser(user.id);
      await this.audit.record(actor, {
        action: 'user.password_reset',
        entityType: 'user',
        entityId: user.id,
        summary: `Reset the password (temporary, must be changed) and ended ${ended} session(s)`,
      });
    });
    return { temporaryPassword };
  }

  /**
   * Lets every source try this account again: clears the failed sign-ins counted against it
   * from every source, and any lock. The password and sessions are left alone.
   */
  async unlock(actor: Actor, id: string): Promise<User> {
    return this.tx.run(async () => {
      const user = await this.get(id);
      const sources = await this.throttles.clearAccount(loginAccountKey(user.email));
      await this.users.clearLockout(user.id);
      user.failedLoginCount = 0;
      user.lockedUntil = null;
      await this.audit.record(actor, {
        action: 'user.unlocked',
        entityType: 'user',
        entityId: user.id,
        summary: `Unlocked the account: cleared failed sign-ins from ${sources} source(s)`,
      });
      return user;
    });
  }

  private async assertNotRemovingLastAdmin(actor: Actor, user: User, verb: string) {
    if (actor.id === user.id) {
      throw conflict(`You cannot ${verb} your own account; ask another admin`);
    }
    if (
      user.role === 'admin' &&
      user.active &&
      (await this.users.countActiveAdminsForUpdate()) <= 1
    ) {
      throw conflict(`You cannot ${verb} the last active admin`);
    }
  }
}
