import { Alert, AlertTitle, Box, Link, Typography } from '@mui/material';
import { AUDIT_ACTION_CHOICES, AUDITED_RECORD_CHOICES } from '@privacy-desk/shared';
import { useState } from 'react';
import {
  AutocompleteInput,
  DataTable,
  DateInput,
  FilterButton,
  List,
  SearchInput,
  SelectInput,
  TextInput,
  TopToolbar,
  usePermissions,
  useRecordContext,
} from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';

import type { AuditVerifyResult } from '../dataProvider';
import { verifyBreaks, VerifyChainButton, verifyMessage } from './VerifyChainButton';
import { ListExportButton } from '../exports/ListExportButton';
import {
  auditActorLink,
  auditRecordLink,
  type AuditEntryRecord,
  type AuditLink,
} from './auditLinks';
import { DeskDateField } from '../common/DeskDateField';

/** The verdict of "Verify chain": a line when intact, else every break the server listed. */
const VerifyResult = ({ result }: { result: AuditVerifyResult }) => {
  if (result.ok) return <>{verifyMessage(result)}</>;
  const breaks = verifyBreaks(result);
  return (
    <>
      <AlertTitle>{verifyMessage(result)}</AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }} data-testid="audit-verify-breaks">
        {breaks.map((item, index) => (
          <li key={`${item.seq ?? 'file'}-${index}`}>{item.reason}</li>
        ))}
        {result.moreBreaks ? <li>…and {result.moreBreaks} more</li> : null}
      </Box>
      {result.checkpoints ? (
        <Box sx={{ mt: 1 }}>
          {result.checkpoints.latest
            ? `Compared with ${result.checkpoints.checked} signed checkpoint${result.checkpoints.checked === 1 ? '' : 's'}, the latest of entry #${result.checkpoints.latest.seq}.`
            : 'No signed checkpoint was found to compare with.'}
        </Box>
      ) : null}
    </>
  );
};

const ACTOR_TYPE_CHOICES = [
  { id: 'user', name: 'A person' },
  { id: 'api_client', name: 'An API client' },
  { id: 'system', name: 'The system' },
];

const auditFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Search summaries" />,
  <AutocompleteInput
    key="action"
    source="action"
    label="What happened"
    choices={AUDIT_ACTION_CHOICES}
    alwaysOn
    sx={{ minWidth: 280 }}
  />,
  <SelectInput
    key="entityType"
    source="entityType"
    label="About"
    choices={AUDITED_RECORD_CHOICES}
  />,
  <SelectInput key="actorType" source="actorType" label="Done by" choices={ACTOR_TYPE_CHOICES} />,
  <DateInput key="at_gte" source="at_gte" label="From" alwaysOn />,
  <DateInput key="at_lte" source="at_lte" label="To" alwaysOn />,
  <TextInput key="entityId" source="entityId" label="Record id" />,
  <TextInput key="actorId" source="actorId" label="Account id" />,
];

const LinkOrText = ({ link, testId }: { link: AuditLink; testId: string }) =>
  link.to ? (
    <Link
      component={RouterLink}
      to={link.to}
      onClick={(event) => event.stopPropagation()}
      data-testid={testId}
    >
      {link.text}
    </Link>
  ) : (
    <Typography variant="body2" component="span" data-testid={testId}>
      {link.text}
    </Typography>
  );

const AboutField = () => {
  const record = useRecordContext<AuditEntryRecord>();
  const { permissions } = usePermissions<string>();
  if (!record) return null;
  return <LinkOrText link={auditRecordLink(record, permissions)} testId="audit-about" />;
};

const ActorField = () => {
  const record = useRecordContext<AuditEntryRecord>();
  const { permissions } = usePermissions<string>();
  if (!record) return null;
  return <LinkOrText link={auditActorLink(record, permissions)} testId="audit-actor" />;
};

const AuditListActions = ({ onVerified }: { onVerified: (result: AuditVerifyResult) => void }) => (
  <TopToolbar>
    <FilterButton />
    <VerifyChainButton onResult={onVerified} />
    <ListExportButton />
  </TopToolbar>
);

const ActionLabel = () => {
  const record = useRecordContext<AuditEntryRecord>();
  return record ? <>{record.actionLabel ?? record.action}</> : null;
};

export const AuditList = () => {
  const [verification, setVerification] = useState<AuditVerifyResult | null>(null);
  return (
    <>
      {verification ? (
        <Alert
          severity={verification.ok ? 'success' : 'error'}
          role={verification.ok ? 'status' : 'alert'}
          onClose={() => setVerification(null)}
          sx={{ mt: 2 }}
          data-testid="audit-verify-result"
        >
          <VerifyResult result={verification} />
        </Alert>
      ) : null}
      <List
        title="Audit log"
        filters={auditFilters}
        actions={<AuditListActions onVerified={setVerification} />}
        sort={{ field: 'seq', order: 'DESC' }}
        perPage={50}
        exporter={false}
      >
        <DataTable rowClick={false} bulkActionButtons={false}>
          <DataTable.Col source="seq" label="#" />
          <DataTable.Col source="at" label="At">
            <DeskDateField source="at" showTime />
          </DataTable.Col>
          <DataTable.Col source="actorLabel" label="Done by" disableSort>
            <ActorField />
          </DataTable.Col>
          <DataTable.Col source="action" label="What happened">
            <ActionLabel />
          </DataTable.Col>
          <DataTable.Col source="entityType" label="About">
            <AboutField />
          </DataTable.Col>
          <DataTable.Col source="summary" label="Summary" disableSort />
        </DataTable>
      </List>
    </>
  );
};
