import type { JobRecord, JobStatus } from '../dataProvider';

type ChipColor = 'default' | 'info' | 'success' | 'warning' | 'error';

/** The list's status tabs, in the order a job moves through them. */
export const JOB_STATUS_TABS: { value: JobStatus | 'all'; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'pending', label: 'Pending' },
  { value: 'running', label: 'Running' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'dead', label: 'Dead' },
];

/** A pending job that already failed at least once is waiting for its next attempt. */
export const isWaitingToRetry = (job: Pick<JobRecord, 'status' | 'attempts'>): boolean =>
  job.status === 'pending' && job.attempts > 0;

/** What POST /api/jobs/:id/retry accepts: dead jobs and failed ones waiting to retry. */
export const canRetryJob = (job: Pick<JobRecord, 'status' | 'attempts'>): boolean =>
  job.status === 'dead' || isWaitingToRetry(job);

export function jobStatusLabel(job: Pick<JobRecord, 'status' | 'attempts'>): string {
  switch (job.status) {
    case 'pending':
      return isWaitingToRetry(job) ? 'Waiting to retry' : 'Pending';
    case 'running':
      return 'Running';
    case 'succeeded':
      return 'Succeeded';
    case 'dead':
      return 'Dead';
    default:
      return String(job.status);
  }
}

export function jobStatusColor(job: Pick<JobRecord, 'status' | 'attempts'>): ChipColor {
  switch (job.status) {
    case 'pending':
      return isWaitingToRetry(job) ? 'warning' : 'default';
    case 'running':
      return 'info';
    case 'succeeded':
      return 'success';
    case 'dead':
      return 'error';
    default:
      return 'default';
  }
}
