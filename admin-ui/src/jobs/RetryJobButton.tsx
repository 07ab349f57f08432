import ReplayIcon from '@mui/icons-material/Replay';
import { useState, type MouseEvent } from 'react';
import { Button, useCanAccess, useNotify, useRecordContext, useRefresh } from 'react-admin';

import { isHttpError } from '../api';
import { useAppDataProvider, type JobRecord } from '../dataProvider';
import { canRetryJob } from './jobStatus';

/**
 * POST /api/jobs/:id/retry: queues a dead job (or one waiting to retry) to run now with fresh
 * attempts. Shown only on such jobs, and only to roles that may retry jobs.
 */
export const RetryJobButton = () => {
  const record = useRecordContext<JobRecord>();
  const { canAccess } = useCanAccess({ resource: 'jobs', action: 'retry', record });
  const dataProvider = useAppDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);

  if (!record || !canAccess || !canRetryJob(record)) return null;

  const retry = async (event: MouseEvent) => {
    // In a list row: retry, do not open the job.
    event.stopPropagation();
    setBusy(true);
    try {
      await dataProvider.retryJob(record.id);
      notify(`The ${record.type} job is queued to run again`, { type: 'info' });
    } catch (error) {
      const message =
        isHttpError(error) && error.status === 409
          ? `The job can no longer be retried: ${error.message}`
          : error instanceof Error && error.message
            ? error.message
            : 'The job was not retried';
      notify(message, { type: 'error' });
    } finally {
      setBusy(false);
      refresh();
    }
  };

  return (
    <Button label={busy ? 'Retrying…' : 'Retry'} onClick={retry} disabled={busy}>
      <ReplayIcon />
    </Button>
  );
};
