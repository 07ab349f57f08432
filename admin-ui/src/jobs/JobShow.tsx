import { Box, Typography } from '@mui/material';
import {
  Labeled,
  ListButton,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';

import type { JobRecord } from '../dataProvider';
import { JobStatusChip } from './JobStatusChip';
import { RetryJobButton } from './RetryJobButton';
import { DeskDateField } from '../common/DeskDateField';

const JobShowActions = () => (
  <TopToolbar>
    <ListButton label="Background jobs" />
    <RetryJobButton />
  </TopToolbar>
);

const JobTitle = () => {
  const record = useRecordContext<JobRecord>();
  return <>{record ? `Job ${record.type}` : 'Job'}</>;
};

const preSx = {
  m: 0,
  p: 1.5,
  bgcolor: 'action.hover',
  borderRadius: 1,
  fontFamily: 'monospace',
  fontSize: '0.85rem',
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-word',
  maxHeight: 480,
  overflow: 'auto',
} as const;

function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? 'null';
  } catch {
    return String(value);
  }
}

const JobAttempts = () => {
  const record = useRecordContext<JobRecord>();
  if (!record) return null;
  return (
    <Typography variant="body2" data-testid="job-attempts">
      {record.attempts} of {record.maxAttempts}
    </Typography>
  );
};

const JobPayload = () => {
  const record = useRecordContext<JobRecord>();
  if (!record) return null;
  return (
    <Box component="pre" sx={preSx} data-testid="job-payload">
      {prettyJson(record.payload)}
    </Box>
  );
};

const JobLastError = () => {
  const record = useRecordContext<JobRecord>();
  if (!record) return null;
  if (!record.lastError) return <Typography variant="body2">None</Typography>;
  return (
    <Box component="pre" sx={{ ...preSx, color: 'error.main' }} data-testid="job-last-error">
      {record.lastError}
    </Box>
  );
};

export const JobShow = () => (
  <Show title={<JobTitle />} actions={<JobShowActions />} queryOptions={{ refetchInterval: 5_000 }}>
    <SimpleShowLayout>
      <TextField source="type" label="Type" data-testid="job-type" />
      <Labeled label="Status">
        <JobStatusChip />
      </Labeled>
      <Labeled label="Attempts">
        <JobAttempts />
      </Labeled>
      <DeskDateField source="runAt" label="Runs at" showTime />
      <DeskDateField source="completedAt" label="Completed" showTime emptyText="—" />
      <TextField source="lockedBy" label="Locked by" emptyText="—" />
      <DeskDateField source="leaseExpiresAt" label="Lease expires" showTime emptyText="—" />
      <DeskDateField source="createdAt" label="Created" showTime />
      <DeskDateField source="updatedAt" label="Updated" showTime />
      <TextField source="id" label="Id" />
      <Labeled label="Payload" fullWidth>
        <JobPayload />
      </Labeled>
      <Labeled label="Last error" fullWidth>
        <JobLastError />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);
