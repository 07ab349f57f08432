import { Chip, Stack } from '@mui/material';
import { CreateButton, DataTable, List, TopToolbar, useRecordContext } from 'react-admin';

import type { ApiKeyRecord } from '../dataProvider';
import { RevokeApiKeyButton } from './RevokeApiKeyButton';
import { DeskDateField } from '../common/DeskDateField';

const ApiKeyListActions = () => (
  <TopToolbar>
    <CreateButton label="New API key" />
  </TopToolbar>
);

const Scopes = () => {
  const record = useRecordContext<ApiKeyRecord>();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={0.5}>
      {(record.scopes ?? []).map((scope) => (
        <Chip key={scope} size="small" variant="outlined" label={scope} />
      ))}
    </Stack>
  );
};

const Revoked = () => {
  const record = useRecordContext<ApiKeyRecord>();
  if (!record?.revokedAt) return <Chip size="small" color="success" label="Active" />;
  return <DeskDateField source="revokedAt" showTime />;
};

/** Keys for integrations (e.g. a website form posting requests). Secrets are never shown here. */
export const ApiKeyList = () => (
  <List
    title="API keys"
    actions={<ApiKeyListActions />}
    sort={{ field: 'createdAt', order: 'DESC' }}
    perPage={25}
    exporter={false}
    empty={false}
  >
    <DataTable<ApiKeyRecord> rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="name" label="Name" />
      <DataTable.Col
        source="prefix"
        label="Key starts"
        disableSort
        render={(record) => <code>{record.prefix}…</code>}
      />
      <DataTable.Col source="scopes" label="Scopes" disableSort>
        <Scopes />
      </DataTable.Col>
      <DataTable.Col source="createdAt" label="Created">
        <DeskDateField source="createdAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="lastUsedAt" label="Last used">
        <DeskDateField source="lastUsedAt" showTime emptyText="Never" />
      </DataTable.Col>
      <DataTable.Col source="revokedAt" label="Revoked">
        <Revoked />
      </DataTable.Col>
      <DataTable.Col label="Actions" disableSort>
        <RevokeApiKeyButton />
      </DataTable.Col>
    </DataTable>
  </List>
);
