/**
 * Re-encrypts every stored TOTP secret (current and pending) and the confirmation link of every
 * unsent mail under the current SECRET_KEY:
 *   SECRET_KEY=<new> SECRET_KEY_PREVIOUS=<old> npm run secrets:reencrypt
 * Run it after rotating the key; the server may keep running. Old keys stay needed in
 * SECRET_KEY_PREVIOUS to verify the audit entries and checkpoints they made.
 */
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { AuditService } from '../audit/audit.service.js';
import { cliActor } from '../auth/actor.js';
import { SecretReencryptionService } from '../auth/secret-reencryption.service.js';
import { KeyRing } from '../common/crypto/secrets.js';
import { loadConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { MailRepository } from '../mail/mail.repository.js';
import { UserRepository } from '../users/user.repository.js';

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, SEED_DEMO_DATA: 'false', JOBS_ENABLED: 'false' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: ['error'],
  });
  try {
    const service = new SecretReencryptionService(
      app.get(UserRepository, { strict: false }),
      app.get(AuditService, { strict: false }),
      app.get(TransactionService, { strict: false }),
      app.get(KeyRing, { strict: false }),
      app.get(MailRepository, { strict: false }),
    );
    const result = await service.reencryptTotpSecrets(cliActor());
    console.log(
      `Re-encrypted ${result.resealed} TOTP secret(s) and ${result.resealedLinks} unsent confirmation link(s) under key ${result.keyId}; ${result.unchanged} secret(s) already were.`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
