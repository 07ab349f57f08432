import { Box, Stack, Tab, Tabs, Typography } from '@mui/material';
import type { SyntheticEvent } from 'react';
import {
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  TopToolbar,
  useCanAccess,
  useListContext,
  useRecordContext,
} from 'react-admin';

import { useSession } from '../auth/session';
import type { RequestRecord } from '../dataProvider';
import { BulkAssignButton, BulkRejectButton, BulkResultsProvider } from './BulkRequestButtons';
import { DueBadge } from './DueBadge';
import {
  channelChoices,
  jurisdictionChoices,
  kindChoices,
  kindLabel,
  statusChoices,
  viewsFor,
} from './presentation';
import { RequestStatusChip } from './RequestStatusChip';
import { TakeNextButton } from './TakeNextButton';
import { ListExportButton } from '../exports/ListExportButton';

const requestFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Reference, name or email" />,
  <SelectInput key="kind" source="kind" label="Kind" choices={kindChoices} />,
  <SelectInput
    key="jurisdiction"
    source="jurisdiction"
    label="Jurisdiction"
    choices={jurisdictionChoices}
  />,
  <SelectInput key="channel" source="channel" label="Channel" choices={channelChoices} />,
  <SelectArrayInput key="status" source="status" label="Status" choices={statusChoices} />,
];

const RequestListActions = () => {
  const { canAccess: canCreate } = useCanAccess({ resource: 'requests', action: 'create' });
  return (
    <TopToolbar>
      <FilterButton />
      {canCreate ? <CreateButton label="New request" /> : null}
      <TakeNextButton />
      <ListExportButton />
    </TopToolbar>
  );
};

/** Tabs over the `view` filter: the caller's queue, unassigned, overdue, due soon, everything. */
const RequestViewTabs = ({ canProcess }: { canProcess: boolean }) => {
  const { filterValues, displayedFilters, setFilters } = useListContext<RequestRecord>();
  const views = viewsFor(canProcess);
  const view: unknown = filterValues.view;
  const current = views.some((tab) => tab.value === view) ? (view as string) : 'all';

  const select = (_event: SyntheticEvent, value: string) => {
    setFilters({ ...filterValues, view: value }, displayedFilters);
  };

  return (
    <Tabs
      value={current}
      onChange={select}
      aria-label="Request views"
      variant="scrollable"
      sx={{ borderBottom: 1, borderColor: 'divider' }}
    >
      {views.map((tab) => (
        <Tab key={tab.value} value={tab.value} label={tab.label} />
      ))}
    </Tabs>
  );
};

const Requester = () => {
  const record = useRecordContext<RequestRecord>();
  if (!record) return null;
  return (
    <Stack>
      <span>{record.requesterName}</span>
      <Typography variant="caption" color="text.secondary">
        {record.requesterEmail}
      </Typography>
    </Stack>
  );
};

const RequestBulkActions = () => (
  <>
    <BulkAssignButton />
    <BulkRejectButton />
  </>
);

const EmptyView = ({ canProcess }: { canProcess: boolean }) => (
  <Box sx={{ p: 3 }}>
    <Typography variant="body1">
      {canProcess ? 'Nothing here. “Take next” picks the request due first.' : 'Nothing here.'}
    </Typography>
  </Box>
);

export const RequestList = () => {
  const session = useSession();
  const permissions = session?.permissions ?? [];
  const canProcess = permissions.includes('requests.process');
  const canBulk = canProcess || permissions.includes('requests.assign');
  return (
    <BulkResultsProvider>
      <List
        title="Requests"
        filters={requestFilters}
        filterDefaultValues={{ view: canProcess ? 'mine' : 'all' }}
        actions={<RequestListActions />}
        sort={{ field: 'dueAt', order: 'ASC' }}
        perPage={25}
        exporter={false}
        empty={false}
        queryOptions={{ refetchInterval: 15_000 }}
      >
        <RequestViewTabs canProcess={canProcess} />
        <DataTable<RequestRecord>
          rowClick="show"
          bulkActionButtons={canBulk ? <RequestBulkActions /> : false}
          empty={<EmptyView canProcess={canProcess} />}
        >
          <DataTable.Col source="reference" label="Reference" />
          <DataTable.Col
            source="kind"
            label="Kind"
            disableSort
            render={(record) => kindLabel(record.kind)}
          />
          <DataTable.Col source="requesterName" label="Requester" disableSort>
            <Requester />
          </DataTable.Col>
          <DataTable.Col source="status" label="Status">
            <RequestStatusChip />
          </DataTable.Col>
          <DataTable.Col
            source="assigneeName"
            label="Assignee"
            disableSort
            render={(record) => record.assigneeName ?? '—'}
          />
          <DataTable.Col source="dueAt" label="Due">
            <DueBadge />
          </DataTable.Col>
        </DataTable>
      </List>
    </BulkResultsProvider>
  );
};
