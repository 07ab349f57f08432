import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ, 100 on every Linux architecture). */
const USER_HZ = 100;

/**
 * CPU seconds a process's main thread (its JavaScript thread) has used so far: user and system
 * time of /proc/<pid>/task/<pid>/stat. Garbage-collector and I/O helper threads are left out:
 * they run beside the main thread, on the other core.
 */
export function mainThreadCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
  // The command name is in parentheses and may hold spaces: fields are counted after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) {
    throw new Error(`Unreadable /proc/${pid}/task/${pid}/stat`);
  }
  return (utime + stime) / USER_HZ;
}
