import { readFileSync, writeFileSync } from 'node:fs';

function statusField(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`No ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/**
 * A process's peak resident memory while a scenario runs: VmHWM from /proc/<pid>/status, reset
 * at the start (writing 5 to clear_refs resets the high-water mark) and read at checkpoints.
 * Where the reset is refused, VmRSS is sampled every 20 ms instead and the peak kept.
 */
export class PeakMemory {
  private sampled = 0;
  private timer: NodeJS.Timeout | undefined;
  private resettable: boolean;

  constructor(private readonly pid: number) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
      this.resettable = true;
    } catch {
      this.resettable = false;
    }
    this.timer = setInterval(() => {
      try {
        this.sampled = Math.max(this.sampled, statusField(pid, 'VmRSS'));
      } catch {
        // The process ended; the last peak stands.
      }
    }, 20);
    this.timer.unref();
  }

  /** The peak so far, in bytes. */
  peak(): number {
    const current = statusField(this.pid, 'VmRSS');
    this.sampled = Math.max(this.sampled, current);
    return this.resettable ? Math.max(statusField(this.pid, 'VmHWM'), this.sampled) : this.sampled;
  }

  stop(): number {
    const peak = this.peak();
    clearInterval(this.timer);
    return peak;
  }
}

export const MB = 1024 * 1024;
