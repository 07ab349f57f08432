import { countryName } from '@privacy-desk/shared';
import {
  Alert,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import {
  DataTable,
  EditButton,
  FunctionField,
  Labeled,
  ListButton,
  Pagination,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useCanAccess,
  useRecordContext,
} from 'react-admin';

import { useAppDataProvider, type RequestRecord, type SubjectRecord } from '../dataProvider';
import { SubjectDisclosureLog } from '../disclosures/SubjectDisclosureLog';
import { DueBadge } from '../requests/DueBadge';
import { correctableFieldLabel, kindLabel } from '../requests/presentation';
import { RequestStatusChip } from '../requests/RequestStatusChip';
import { SectionCard } from '../common/SectionCard';
import { DeskDateField } from '../common/DeskDateField';
import { formatDeskDateTime } from '../common/desk-dates';

const SubjectShowActions = () => {
  const record = useRecordContext<SubjectRecord>();
  const { canAccess } = useCanAccess({ resource: 'subjects', action: 'edit' });
  return (
    <TopToolbar>
      <ListButton label="Subjects" />
      {canAccess && !record?.erasedAt && !record?.purgedAt ? <EditButton /> : null}
    </TopToolbar>
  );
};

/** A confirmed minor's data was erased: say so, and that the record stays only as a name. */
const ErasedNotice = () => {
  const record = useRecordContext<SubjectRecord>();
  if (record?.purgedAt)
    return (
      <Alert severity="info" sx={{ mb: 2 }} data-testid="subject-purged-notice">
        Purged: this subject’s personal data and its change history were removed on{' '}
        {formatDeskDateTime(record.purgedAt)}, after the retention period of their last request.
        Suppression (opt-out) entries stay; the record can no longer be edited.
      </Alert>
    );
  if (!record?.erasedAt) return null;
  return (
    <Alert severity="info" sx={{ mb: 2 }} data-testid="subject-erased-notice">
      Erased minor: this subject’s personal data and its change history were erased on{' '}
      {formatDeskDateTime(record.erasedAt)}, after their age was confirmed. The requests and
      disclosures that name the subject stay; the record can no longer be edited.
    </Alert>
  );
};

const SubjectTitle = () => {
  const record = useRecordContext<SubjectRecord>();
  return <>{record ? record.name : 'Subject'}</>;
};

const Address = () => {
  const record = useRecordContext<SubjectRecord>();
  if (!record) return null;
  const lines = [
    record.addressLine1,
    record.addressLine2,
    [record.postalCode, record.city].filter(Boolean).join(' '),
    [record.region, countryName(record.country)].filter(Boolean).join(', '),
  ].filter((line) => line && line.trim());
  if (!lines.length) return <Typography variant="body2">—</Typography>;
  return (
    <Typography variant="body2" component="div" data-testid="subject-address">
      {lines.map((line) => (
        <div key={line}>{line}</div>
      ))}
    </Typography>
  );
};

const MinorChip = () => {
  const record = useRecordContext<SubjectRecord>();
  if (record?.erasedAt)
    return <Chip size="small" label="Erased minor" data-testid="subject-erased" />;
  if (!record?.isMinor) return <Typography variant="body2">No</Typography>;
  return <Chip size="small" color="warning" label="Minor" data-testid="subject-minor" />;
};

/** The subject's requests (GET /api/requests?filter={"subjectId":…}). */
const SubjectRequests = () => {
  const { canAccess } = useCanAccess({ resource: 'requests', action: 'list' });
  if (!canAccess) return null;
  return (
    <SectionCard title="Requests">
      <ReferenceManyField<SubjectRecord, RequestRecord>
        reference="requests"
        target="subjectId"
        sort={{ field: 'receivedAt', order: 'DESC' }}
        filter={{ view: 'all' }}
        perPage={10}
        pagination={<Pagination rowsPerPageOptions={[10, 25]} />}
      >
        <DataTable<RequestRecord>
          rowClick="show"
          bulkActionButtons={false}
          empty={<Typography variant="body2">No requests about this subject.</Typography>}
        >
          <DataTable.Col source="reference" label="Reference" />
          <DataTable.Col
            source="kind"
            label="Kind"
            disableSort
            render={(record) => kindLabel(record.kind)}
          />
          <DataTable.Col source="status" label="Status">
            <RequestStatusChip />
          </DataTable.Col>
          <DataTable.Col source="receivedAt" label="Received">
            <DeskDateField source="receivedAt" />
          </DataTable.Col>
          <DataTable.Col source="dueAt" label="Due">
            <DueBadge />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </SectionCard>
  );
};

const formatAt = (at: string) => formatDeskDateTime(at);

/** GET /api/subjects/:id/history: every field change, who made it and why, newest first. */
const ChangeHistory = () => {
  const record = useRecordContext<SubjectRecord>();
  const dataProvider = useAppDataProvider();
  const { data, error, isPending } = useQuery({
    queryKey: ['subjects', 'history', record?.id, record?.version],
    queryFn: () => dataProvider.getSubjectHistory(record!.id),
    enabled: Boolean(record?.id),
  });
  let content: ReactNode;
  if (error) content = <Alert severity="error">The history could not be loaded.</Alert>;
  else if (isPending) content = <Typography variant="body2">Loading…</Typography>;
  else if (!data?.length) content = <Typography variant="body2">No changes yet.</Typography>;
  else
    content = (
      <Table size="small" aria-label="Change history" data-testid="subject-history">
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>Field</TableCell>
            <TableCell>From</TableCell>
            <TableCell>To</TableCell>
            <TableCell>By</TableCell>
            <TableCell>Why</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.map((change) => (
            <TableRow key={change.id}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatAt(change.at)}</TableCell>
              <TableCell>{correctableFieldLabel(change.field) || change.field}</TableCell>
              <TableCell sx={{ color: 'text.secondary' }}>{change.oldValue ?? '—'}</TableCell>
              <TableCell>{change.newValue ?? '—'}</TableCell>
              <TableCell>{change.changedBy}</TableCell>
              <TableCell>{change.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  return <SectionCard title="Change history">{content}</SectionCard>;
};

export const SubjectShow = () => (
  <Show title={<SubjectTitle />} actions={<SubjectShowActions />}>
    <SimpleShowLayout>
      <ErasedNotice />
      <TextField source="name" label="Name" data-testid="subject-name" />
      <FunctionField<SubjectRecord>
        label="Email"
        render={(r) => (r.erasedAt || r.purgedAt ? '—' : r.email)}
      />
      <TextField source="phone" label="Phone" emptyText="—" />
      <TextField source="dateOfBirth" label="Date of birth" emptyText="—" />
      <Labeled label="Minor">
        <MinorChip />
      </Labeled>
      <TextField source="company" label="Company" emptyText="—" />
      <TextField source="jobTitle" label="Job title" emptyText="—" />
      <Labeled label="Address">
        <Address />
      </Labeled>
      <DeskDateField source="createdAt" label="Created" showTime />
      <DeskDateField source="updatedAt" label="Updated" showTime />
    </SimpleShowLayout>
    <SubjectRequests />
    <SubjectDisclosureLog />
    <ChangeHistory />
  </Show>
);
