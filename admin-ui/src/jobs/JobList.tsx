import { Box, FormControlLabel, Stack, Switch, Tab, Tabs } from '@mui/material';
import type { SyntheticEvent } from 'react';
import {
  DataTable,
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
import { DeskDateField } from '../common/DeskDateField';

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

  // `routine: false` (the default) hides succeeded runs of recurring jobs such as the
  // per-minute lease sweep; the server keeps those for an hour and then purges them.
  const showRoutine = filterValues.routine !== false;
  const toggleRoutine = (_event: unknown, checked: boolean) => {
    const rest = { ...filterValues };
    delete rest.routine;
    setFilters(checked ? rest : { ...rest, routine: false }, displayedFilters, false);
  };

  return (
    <Stack
      direction="row"
      sx={{ borderBottom: 1, borderColor: 'divider', alignItems: 'center', flexWrap: 'wrap' }}
    >
      <Tabs value={current} onChange={select} aria-label="Job status" variant="scrollable">
        {JOB_STATUS_TABS.map((tab) => (
          <Tab key={tab.value} value={tab.value} label={tab.label} />
        ))}
      </Tabs>
      <Box sx={{ flexGrow: 1 }} />
      <FormControlLabel
        sx={{ mx: 2 }}
        control={<Switch checked={showRoutine} onChange={toggleRoutine} />}
        label="Show routine runs (succeeded recurring jobs, kept for an hour)"
      />
    </Stack>
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
    filterDefaultValues={{ routine: false }}
    perPage={25}
    exporter={false}
    empty={false}
    queryOptions={{ refetchInterval: 5_000 }}
  >
    <JobStatusTabs />
    <DataTable<JobRecord> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col
        source="type"
        label="Type"
        render={(record) => (record.recurring ? `${record.type} (recurring)` : record.type)}
      />
      <DataTable.Col source="status" label="Status">
        <JobStatusChip />
      </DataTable.Col>
      <DataTable.Col
        source="attempts"
        label="Attempts"
        render={(record) => `${record.attempts} / ${record.maxAttempts}`}
      />
      <DataTable.Col source="runAt" label="Runs at">
        <DeskDateField source="runAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="lastError" label="Last error" disableSort>
        <LastErrorPreview />
      </DataTable.Col>
      <DataTable.Col source="completedAt" label="Completed" disableSort>
        <DeskDateField source="completedAt" showTime emptyText="—" />
      </DataTable.Col>
      <DataTable.Col label="Actions" disableSort>
        <RetryJobButton />
      </DataTable.Col>
    </DataTable>
  </List>
);
