/**
 * Creates a staff account from the command line — how the first admin of a real install is made:
 *   npm run user:create -- --email ada@example.com --name "Ada Admin" --role admin
 * The password comes from PRIVACY_DESK_PASSWORD, or is asked for at a prompt (not echoed).
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { isRole, PASSWORD_MIN_LENGTH, ROLES } from '@privacy-desk/shared';
import { NestFactory } from '@nestjs/core';
import { cliActor } from '../auth/actor.js';
import { ApiError } from '../common/errors/domain-errors.js';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/app-config.js';
import { UsersService } from '../users/users.service.js';

async function promptHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as {
    _writeToOutput: (s: string) => void;
    output: NodeJS.WritableStream;
  };
  let prompted = false;
  output._writeToOutput = (s: string) => {
    if (!prompted) {
      output.output.write(s);
      prompted = true;
    }
  };
  return new Promise((resolve) =>
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.PRIVACY_DESK_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new Error('Set PRIVACY_DESK_PASSWORD, or run in a terminal to be asked for the password');
  }
  const first = await promptHidden(`Password (at least ${PASSWORD_MIN_LENGTH} characters): `);
  const second = await promptHidden('Password again: ');
  if (first !== second) throw new Error('The passwords do not match');
  return first;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
  });
  const { email, role } = values;
  if (!email || !role || !isRole(role)) {
    throw new Error(
      `Usage: npm run user:create -- --email <email> --role <${ROLES.join('|')}> [--name "Full Name"]`,
    );
  }
  const password = await readPassword();
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new Error(`The password must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  const config = loadConfig({ ...process.env, SEED_DEMO_DATA: 'false', JOBS_ENABLED: 'false' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: ['error'],
  });
  try {
    const user = await app
      .get(UsersService)
      .create(cliActor(), { email, name: values.name ?? email.split('@')[0]!, role, password });
    console.log(`Created ${user.role} account ${user.email} (id ${user.id}).`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ApiError) {
    const body = error.getResponse() as { message: string; errors?: Record<string, string> };
    const details = Object.entries(body.errors ?? {}).map(
      ([field, message]) => `${field} ${message}`,
    );
    console.error(details.length ? details.join('\n') : body.message);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
