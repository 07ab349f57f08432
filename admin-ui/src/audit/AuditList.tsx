import { Alert, AlertTitle, Box } from '@mui/material';
import { useState } from 'react';
import {
  DataTable,
  DateField,
  DateInput,
  FilterButton,
  List,
  SearchInput,
  TextInput,
  TopToolbar,
} from 'react-admin';

import type { AuditVerifyResult } from '../dataProvider';
import { verifyBreaks, VerifyChainButton, verifyMessage } from './VerifyChainButton';
import { ListExportButton } from '../exports/ListExportButton';

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

const auditFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Search summaries" />,
  <TextInput key="action" source="action" label="Action" alwaysOn />,
  <TextInput key="entityType" source="entityType" label="Entity type" />,
  <TextInput key="entityId" source="entityId" label="Entity id" />,
  <TextInput key="actorId" source="actorId" label="Actor id" />,
  <DateInput key="at_gte" source="at_gte" label="From" alwaysOn />,
  <DateInput key="at_lte" source="at_lte" label="To" alwaysOn />,
];

const AuditListActions = ({ onVerified }: { onVerified: (result: AuditVerifyResult) => void }) => (
  <TopToolbar>
    <FilterButton />
    <VerifyChainButton onResult={onVerified} />
    <ListExportButton />
  </TopToolbar>
);

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
            <DateField source="at" showTime />
          </DataTable.Col>
          <DataTable.Col source="actorLabel" label="Actor" disableSort />
          <DataTable.Col source="action" label="Action" />
          <DataTable.Col source="entityType" label="Entity type" />
          <DataTable.Col source="entityId" label="Entity id" disableSort />
          <DataTable.Col source="summary" label="Summary" disableSort />
        </DataTable>
      </List>
    </>
  );
};
