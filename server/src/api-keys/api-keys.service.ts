import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { constantTimeEqual, randomToken, sha256Hex } from '../common/crypto/secrets.js';
import { notFound } from '../common/errors/domain-errors.js';
import { parseListQuery } from '../common/list/list-query.js';
import type { ListSpec, RawListParams } from '../common/list/list-query.js';
import { TransactionService } from '../database/transaction.service.js';
import type { ApiKeyScope } from './api-key-scopes.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyRepository } from './api-key.repository.js';

/** `pdk_<prefix>_<secret>`: 8 hex characters, then 32 random bytes in base64url. */
const KEY_PATTERN = /^pdk_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

/** Compared against when the prefix is unknown, so that both paths do the same work. */
const NO_SUCH_HASH = sha256Hex('pdk_00000000_no-such-key');

/** How often at most a key's lastUsedAt is written. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const API_KEY_LIST_SPEC: ListSpec = {
  sortable: {
    name: 'name',
    createdAt: 'createdAt',
    lastUsedAt: 'lastUsedAt',
    revokedAt: 'revokedAt',
  },
  filterable: {
    q: { column: 'name', kind: 'search', columns: ['name', 'prefix'] },
    id: { column: 'id', kind: 'exact' },
  },
  defaultSort: ['createdAt', 'DESC'],
};

export type ApiKeyCheck =
  { ok: true; key: ApiKey } | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' };

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  list(params: RawListParams) {
    return this.keys.findPage(parseListQuery(params, API_KEY_LIST_SPEC));
  }

  async get(id: string): Promise<ApiKey> {
    const key = await this.keys.findById(id);
    if (!key) throw notFound('API key');
    return key;
  }

  /** Creates a key. The returned `secret` (the whole key) exists nowhere else: show it once. */
  async create(
    actor: Actor,
    input: { name: string; scopes: ApiKeyScope[] },
  ): Promise<{ key: ApiKey; secret: string }> {
    return this.tx.run(async () => {
      let prefix = randomBytes(4).toString('hex');
      // 2^32 prefixes: a clash is rare, but the prefix must be unique.
      for (let tries = 0; await this.keys.findByPrefix(prefix); tries += 1) {
        if (tries >= 5) throw new Error('Could not find a free API key prefix');
        prefix = randomBytes(4).toString('hex');
      }
      const secret = `pdk_${prefix}_${randomToken(32)}`;
      const key = Object.assign(new ApiKey(), {
        id: randomUUID(),
        name: input.name.trim(),
        prefix,
        secretHash: sha256Hex(secret),
        scopes: [...new Set(input.scopes)],
        createdById: actor.id ?? 'system',
        createdAt: this.clock.now(),
        lastUsedAt: null,
        revokedAt: null,
      } satisfies ApiKey);
      await this.keys.insert(key);
      await this.audit.record(actor, {
        action: 'api_key.created',
        entityType: 'api_key',
        entityId: key.id,
        summary: `Created API key pdk_${prefix} "${key.name}" with scopes ${key.scopes.join(', ')}`,
      });
      return { key, secret };
    });
  }

  /** Revokes a key at once; revoking a revoked key changes nothing. */
  async revoke(actor: Actor, id: string): Promise<ApiKey> {
    return this.tx.run(async () => {
      const key = await this.get(id);
      if (key.revokedAt) return key;
      const now = this.clock.now();
      if (!(await this.keys.revoke(id, now))) return this.get(id);
      key.revokedAt = now;
      await this.audit.record(actor, {
        action: 'api_key.revoked',
        entityType: 'api_key',
        entityId: key.id,
        summary: `Revoked API key pdk_${key.prefix} "${key.name}"`,
      });
      return key;
    });
  }

  /**
   * Checks a presented key: found by its prefix, its hash compared in constant time, refused
   * when revoked. Whether a key was revoked is told only to a caller who holds the whole key.
   */
  async authenticate(presented: string): Promise<ApiKeyCheck> {
    const match = KEY_PATTERN.exec(presented);
    if (!match) return { ok: false, reason: 'malformed' };
    const hash = sha256Hex(presented);
    const key = await this.keys.findByPrefix(match[1]!);
    const matches = constantTimeEqual(hash, key?.secretHash ?? NO_SUCH_HASH);
    if (!key || !matches) return { ok: false, reason: 'unknown' };
    if (key.revokedAt) return { ok: false, reason: 'revoked' };
    return { ok: true, key };
  }

  hasScope(key: ApiKey, scope: ApiKeyScope): boolean {
    return key.scopes.includes(scope);
  }

  /** Bookkeeping, not audited: lastUsedAt, written at most once a minute. */
  async recordUse(key: ApiKey, now = this.clock.now()): Promise<void> {
    const notBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    if (key.lastUsedAt && key.lastUsedAt >= notBefore) return;
    await this.tx.run(() => this.keys.touch(key.id, now, notBefore));
    key.lastUsedAt = now;
  }
}
