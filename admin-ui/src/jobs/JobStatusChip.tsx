import { Chip } from '@mui/material';
import { useRecordContext } from 'react-admin';

import type { JobRecord } from '../dataProvider';
import { jobStatusColor, jobStatusLabel } from './jobStatus';

/** The job's status as a coloured chip; "Waiting to retry" for a pending job that failed. */
export const JobStatusChip = () => {
  const record = useRecordContext<JobRecord>();
  if (!record) return null;
  return (
    <Chip
      size="small"
      label={jobStatusLabel(record)}
      color={jobStatusColor(record)}
      data-testid="job-status"
      data-status={record.status}
    />
  );
};
