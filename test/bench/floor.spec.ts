import { mainThreadCpuSeconds } from '../../bench/src/harness/cpu.js';
import { ceilingOf } from '../../bench/src/scenarios/floor.js';

describe('a route ceiling beside its floor', () => {
  it('puts the baseline work, less its bare answer, on top of the signed-in floor', () => {
    // A baseline page of 1 ms (1,000 req/s) of which 0.1 ms is its bare answer, and a signed-in
    // floor of 0.5 ms: at best 1.4 ms a page, 0.71× the baseline, 14 ms mean at 10 callers.
    const ceiling = ceilingOf(1000, { signedInCpuMs: 0.5, bareCpuMs: 0.1 }, 10);
    expect(ceiling.ratio).toBeCloseTo(1 / 1.4, 6);
    expect(ceiling.meanMs).toBeCloseTo(14, 6);
  });

  it('reads a baseline with no HTTP (the claim loop) as all work', () => {
    const ceiling = ceilingOf(2500, { signedInCpuMs: 0.4, bareCpuMs: 0 }, 50);
    expect(ceiling.ratio).toBeCloseTo(0.4 / 0.8, 6);
  });
});

describe('main-thread CPU of a process', () => {
  it('grows with work done on this thread, and not with time spent waiting', async () => {
    const before = mainThreadCpuSeconds(process.pid);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const waited = mainThreadCpuSeconds(process.pid) - before;
    // Spin until the whole process has used 0.3 s of CPU (not of wall time: a loaded machine
    // gives this thread less of each second); the main thread is the one that used it.
    const busyFrom = mainThreadCpuSeconds(process.pid);
    const processFrom = process.cpuUsage();
    const used = () => {
      const { user, system } = process.cpuUsage(processFrom);
      return (user + system) / 1e6;
    };
    while (used() < 0.3);
    const busy = mainThreadCpuSeconds(process.pid) - busyFrom;
    expect(waited).toBeLessThan(0.15);
    expect(busy).toBeGreaterThan(0.2);
    expect(busy).toBeLessThanOrEqual(used() + 0.02);
  });
});
