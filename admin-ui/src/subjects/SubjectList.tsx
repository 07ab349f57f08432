import { countryName } from '@privacy-desk/shared';
import {
  CreateButton,
  DataTable,
  List,
  NullableBooleanInput,
  SearchInput,
  TopToolbar,
  useCanAccess,
} from 'react-admin';

import type { SubjectRecord } from '../dataProvider';
import { ListExportButton } from '../exports/ListExportButton';
import { DeskDateField } from '../common/DeskDateField';

const subjectFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Name, email, phone or company" />,
  <NullableBooleanInput
    key="isMinor"
    source="isMinor"
    label="Minor"
    trueLabel="Minors only"
    falseLabel="Adults only"
  />,
];

const SubjectListActions = () => {
  const { canAccess } = useCanAccess({ resource: 'subjects', action: 'create' });
  return (
    <TopToolbar>
      {canAccess ? <CreateButton label="New subject" /> : null}
      <ListExportButton />
    </TopToolbar>
  );
};

export const SubjectList = () => (
  <List
    title="Subjects"
    filters={subjectFilters}
    actions={<SubjectListActions />}
    sort={{ field: 'name', order: 'ASC' }}
    perPage={25}
    exporter={false}
    empty={false}
  >
    <DataTable<SubjectRecord> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="name" label="Name" />
      <DataTable.Col
        source="email"
        label="Email"
        render={(r) => (r.erasedAt || r.purgedAt ? '—' : r.email)}
      />
      <DataTable.Col source="phone" label="Phone" disableSort render={(r) => r.phone ?? '—'} />
      <DataTable.Col
        source="company"
        label="Company"
        disableSort
        render={(r) => r.company ?? '—'}
      />
      <DataTable.Col
        source="country"
        label="Country"
        disableSort
        render={(r) => (r.country ? countryName(r.country) : '—')}
      />
      <DataTable.Col
        source="isMinor"
        label="Minor"
        disableSort
        render={(r) => (r.erasedAt ? 'Erased minor' : r.isMinor ? 'Yes' : '')}
      />
      <DataTable.Col source="updatedAt" label="Updated">
        <DeskDateField source="updatedAt" showTime />
      </DataTable.Col>
    </DataTable>
  </List>
);
