import { DataTable, List, SearchInput, SelectInput } from 'react-admin';

import { OUTBOX_STATUSES, OUTBOX_TEMPLATES, type OutboxRecord } from '../dataProvider';
import { OUTBOX_STATUS_LABELS, OutboxStatusChip } from './OutboxStatusChip';
import { DeskDateField } from '../common/DeskDateField';

const outboxFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Recipient or subject" />,
  <SelectInput
    key="status"
    source="status"
    label="Status"
    alwaysOn
    choices={OUTBOX_STATUSES.map((status) => ({ id: status, name: OUTBOX_STATUS_LABELS[status] }))}
  />,
  <SelectInput
    key="template"
    source="template"
    label="Template"
    choices={OUTBOX_TEMPLATES.map((template) => ({ id: template, name: template }))}
  />,
];

/** Every email Privacy Desk sends goes through the outbox first. */
export const OutboxList = () => (
  <List
    title="Outbox"
    filters={outboxFilters}
    sort={{ field: 'createdAt', order: 'DESC' }}
    perPage={25}
    exporter={false}
    empty={false}
    queryOptions={{ refetchInterval: 10_000 }}
  >
    <DataTable<OutboxRecord> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="to" label="To" disableSort />
      <DataTable.Col source="subject" label="Subject" disableSort />
      <DataTable.Col source="template" label="Template" disableSort />
      <DataTable.Col source="status" label="Status">
        <OutboxStatusChip />
      </DataTable.Col>
      <DataTable.Col source="createdAt" label="Created">
        <DeskDateField source="createdAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="sentAt" label="Sent">
        <DeskDateField source="sentAt" showTime emptyText="—" />
      </DataTable.Col>
    </DataTable>
  </List>
);
