/**
 * A benchmark, not a test: the median time of each refused sign-in path, side by side, on a
 * real server (HTTP, argon2, a temporary SQLite file). Every row should take about as long as
 * "wrong password" (one argon2 verification each); "success" is there for scale.
 *
 *   npm run bench:sign-in            (BENCH_ROUNDS=25 for more rounds; default 15)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { cliActor } from '../auth/actor.js';
import { loginAccountKey, LoginThrottleRepository } from '../auth/login-throttle.repository.js';
import { createApp } from '../bootstrap.js';
import { TransactionService } from '../database/transaction.service.js';
import { UsersService } from '../users/users.service.js';

const PASSWORD = 'bench-password-long-enough';
const rounds = Number(process.env.BENCH_ROUNDS ?? 15);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-bench-sign-in-'));
  const { app } = await createApp({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
    SEED_DEMO_DATA: 'false',
    JOBS_ENABLED: 'false',
    TRUST_PROXY_HOPS: '1',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
  });
  try {
    await app.init();
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const users = app.get(UsersService);
    await users.create(cliActor(), {
      email: 'active@bench.test',
      name: 'Active',
      role: 'staff',
      password: PASSWORD,
    });
    const gone = await users.create(cliActor(), {
      email: 'gone@bench.test',
      name: 'Gone',
      role: 'staff',
      password: PASSWORD,
    });
    await users.deactivate(cliActor(), gone.id);
    // One source locked out of the active account, as after ten failures.
    const throttles = app.get(LoginThrottleRepository);
    await app.get(TransactionService).run(async () => {
      const key = loginAccountKey('active@bench.test');
      await throttles.recordFailure(key, '198.51.100.99', new Date(), new Date(0));
      await throttles.lock(key, '198.51.100.99', new Date(Date.now() + 3_600_000));
    });

    let n = 0;
    const attempt = async (email: string, password: string, source?: string) => {
      n += 1;
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          // A fresh source per attempt, so that the slow-down never kicks in (except when named).
          'X-Forwarded-For': source ?? `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        },
        body: JSON.stringify({ email, password }),
      });
      await res.arrayBuffer();
      return { ms: performance.now() - started, status: res.status };
    };
    const paths: [string, () => ReturnType<typeof attempt>][] = [
      ['unknown email', () => attempt('nobody@bench.test', PASSWORD)],
      ['wrong password', () => attempt('active@bench.test', 'not-the-password')],
      ['deactivated account', () => attempt('gone@bench.test', PASSWORD)],
      ['locked-out source', () => attempt('active@bench.test', PASSWORD, '198.51.100.99')],
      ['success (for scale)', () => attempt('active@bench.test', PASSWORD)],
    ];
    await attempt('warm-up@bench.test', PASSWORD); // makes the dummy hash once
    const times = new Map(paths.map(([name]) => [name, [] as number[]]));
    const statuses = new Map(paths.map(([name]) => [name, new Set<number>()]));
    // Interleaved, so that a slow moment of the machine hits every path alike.
    for (let round = 0; round < rounds; round++) {
      for (const [name, run] of paths) {
        const { ms, status } = await run();
        times.get(name)!.push(ms);
        statuses.get(name)!.add(status);
      }
    }
    const reference = median(times.get('wrong password')!);
    console.log(`Sign-in paths, median of ${rounds} attempts each (real argon2, SQLite):\n`);
    console.log(
      `  ${'path'.padEnd(22)} ${'median ms'.padStart(10)} ${'vs wrong pw'.padStart(12)}  status`,
    );
    for (const [name] of paths) {
      const m = median(times.get(name)!);
      console.log(
        `  ${name.padEnd(22)} ${m.toFixed(1).padStart(10)} ${`${(m / reference).toFixed(2)}x`.padStart(12)}  ${[...statuses.get(name)!].join(',')}`,
      );
    }
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
