import { canRetryJob, jobStatusColor, jobStatusLabel } from './jobStatus.js';

describe('job status presentation', () => {
  it('offers a retry on dead jobs and on pending jobs that already failed', () => {
    expect(canRetryJob({ status: 'dead', attempts: 5 })).toBe(true);
    expect(canRetryJob({ status: 'pending', attempts: 1 })).toBe(true);
    expect(canRetryJob({ status: 'pending', attempts: 0 })).toBe(false);
    expect(canRetryJob({ status: 'running', attempts: 1 })).toBe(false);
    expect(canRetryJob({ status: 'succeeded', attempts: 1 })).toBe(false);
  });

  it('labels and colours each status', () => {
    expect(jobStatusLabel({ status: 'pending', attempts: 0 })).toBe('Pending');
    expect(jobStatusLabel({ status: 'pending', attempts: 2 })).toBe('Waiting to retry');
    expect(jobStatusColor({ status: 'pending', attempts: 2 })).toBe('warning');
    expect(jobStatusColor({ status: 'running', attempts: 1 })).toBe('info');
    expect(jobStatusColor({ status: 'succeeded', attempts: 1 })).toBe('success');
    expect(jobStatusColor({ status: 'dead', attempts: 5 })).toBe('error');
  });
});
