import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { KeyRing, SecretBox } from '../common/crypto/secrets.js';
import { TransactionService } from '../database/transaction.service.js';
import { MailRepository } from '../mail/mail.repository.js';
import { UserRepository } from '../users/user.repository.js';
import type { Actor } from './actor.js';

export interface ReencryptionResult {
  /** Sealed values (current and pending TOTP secrets) now under the current key. */
  resealed: number;
  /** Confirmation links of unsent mail, now under the current key. */
  resealedLinks: number;
  /** Sealed values that were already under the current key. */
  unchanged: number;
  keyId: string;
}

/**
 * After SECRET_KEY is rotated (the old key moved to SECRET_KEY_PREVIOUS): re-seals every stored
 * TOTP secret, current and pending, and the confirmation link of every unsent mail, under the current key, in one transaction with its audit
 * entry. Afterwards no TOTP secret needs an old key (audit entries still do: they cannot be
 * re-MACed).
 */
@Injectable()
export class SecretReencryptionService {
  private readonly box: SecretBox;

  constructor(
    private readonly users: UserRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    ring: KeyRing,
    private readonly mail: MailRepository,
  ) {
    this.box = new SecretBox(ring);
  }

  async reencryptTotpSecrets(actor: Actor): Promise<ReencryptionResult> {
    return this.tx.run(async () => {
      let resealed = 0;
      let unchanged = 0;
      for (const user of await this.users.findWithTotpSecrets()) {
        const changes: { mfaSecret?: string; mfaPendingSecret?: string } = {};
        for (const field of ['mfaSecret', 'mfaPendingSecret'] as const) {
          const sealed = user[field];
          if (sealed === null) continue;
          if (!this.box.needsReseal(sealed)) {
            unchanged += 1;
            continue;
          }
          changes[field] = this.box.seal(this.box.open(sealed));
          resealed += 1;
        }
        if (Object.keys(changes).length > 0) await this.users.updateSecurity(user.id, changes);
      }
      let resealedLinks = 0;
      for (const message of await this.mail.findSealed()) {
        if (!message.sealedLink || !this.box.needsReseal(message.sealedLink)) continue;
        await this.mail.updateSealedLink(
          message.id,
          this.box.seal(this.box.open(message.sealedLink)),
        );
        resealedLinks += 1;
      }
      await this.audit.record(actor, {
        action: 'secrets.reencrypted',
        entityType: 'key_ring',
        entityId: this.box.ring.current.id,
        summary: `Re-encrypted ${resealed} TOTP secret${resealed === 1 ? '' : 's'} and ${resealedLinks} unsent confirmation link${resealedLinks === 1 ? '' : 's'} under key ${this.box.ring.current.id}`,
      });
      return { resealed, resealedLinks, unchanged, keyId: this.box.ring.current.id };
    });
  }
}
