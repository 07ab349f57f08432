import { Box, Tab, Tabs } from '@mui/material';
import type { SyntheticEvent } from 'react';
import {
  DataTable,
  DateField,
  DateInput,
  FilterButton,
  List,
  TextInput,
  TopToolbar,
  useListContext,
  useRecordContext,
} from 'react-admin';

import type { JobRecord } from '../dataProvider';
import { JobStatusChip } from './JobStatusChip';
import { JOB_STATUS_TABS } from './jobStatus';
import { RetryJobButton } from './RetryJobButton';

const ERROR_PREVIEW_CHARS = 80;

const jobFilters = [
  <TextInput key="type" source="type" label="Type" placeholder="sessions.purge_expired" alwaysOn />,
  <DateInput key="runAt_gte" source="runAt_gte" label="Runs from" />,
  <DateInput key="runAt_lte" source="runAt_lte" label="Runs until" />,
];

const JobListActions = () => (
  <TopToolbar>
    <FilterButton />
  </TopToolbar>
);

/**
 * Quick tabs over the `status` filter. "Pending" includes jobs that failed and wait for their
 * next attempt (their chip says "Waiting to retry").
 */
const JobStatusTabs = () => {
  const { filterValues, displayedFilters, setFilters } = useListContext<JobRecord>();
  const status: unknown = filterValues.status;
  const current =
    typeof status === 'string' && JOB_STATUS_TABS.some((tab) => tab.value === status)
      ? status
      : 'all';

  const select = (_event: SyntheticEvent, value: string) => {
    const rest = { ...filterValues };
    delete rest.status;
    setFilters(value === 'all' ? rest : { ...rest, status: value }, displayedFilters);
  };

  return (
    <Tabs
      value={current}
      onChange={select}
      aria-label="Job status"
      variant="scrollable"
      sx={{ borderBottom: 1, borderColor: 'divider' }}
    >
      {JOB_STATUS_TABS.map((tab) => (
        <Tab key={tab.value} value={tab.value} label={tab.label} />
      ))}
    </Tabs>
  );
};

const truncate = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

const LastErrorPreview = () => {
  const record = useRecordContext<JobRecord>();
  if (!record?.lastError) return null;
  return (
    <Box
      component="span"
      title={record.lastError}
      sx={{ color: 'error.main', fontFamily: 'monospace', fontSize: '0.8rem' }}
    >
      {truncate(record.lastError.split('\n')[0] ?? '', ERROR_PREVIEW_CHARS)}
    </Box>
  );
};

export const JobList = () => (
  <List
    title="Background jobs"
    filters={jobFilters}
    actions={<JobListActions />}
    sort={{ field: 'runAt', order: 'DESC' }}
    perPage={25}
    exporter={false}
    empty={false}
    queryOptions={{ refetchInterval: 5_000 }}
  >
    <JobStatusTabs />
    <DataTable<JobRecord> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="type" label="Type" />
      <DataTable.Col source="status" label="Status">
        <JobStatusChip />
      </DataTable.Col>
      <DataTable.Col
        source="attempts"
        label="Attempts"
        render={(record) => `${record.attempts} / ${record.maxAttempts}`}
      />
      <DataTable.Col source="runAt" label="Runs at">
        <DateField source="runAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="lastError" label="Last error" disableSort>
        <LastErrorPreview />
      </DataTable.Col>
      <DataTable.Col source="completedAt" label="Completed" disableSort>
        <DateField source="completedAt" showTime emptyText="—" />
      </DataTable.Col>
      <DataTable.Col label="Actions" disableSort>
        <RetryJobButton />
      </DataTable.Col>
    </DataTable>
  </List>
);
