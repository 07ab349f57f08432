import { Typography } from '@mui/material';
import {
  AutocompleteInput,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  ReferenceInput,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  TopToolbar,
  useCanAccess,
} from 'react-admin';

import {
  appealStatusChoices,
  categoryChoices,
  categoryLabel,
  severityChoices,
  violationStatusChoices,
} from './presentation';
import { SeverityChip, ViolationStatusChip, type ViolationRecord } from './ViolationChips';
import { ListExportButton } from '../exports/ListExportButton';
import { formatDeskDate } from '../common/desk-dates';

const violationFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Reference, clause or description" />,
  <SelectArrayInput key="status" source="status" label="Status" choices={violationStatusChoices} />,
  <SelectArrayInput key="severity" source="severity" label="Severity" choices={severityChoices} />,
  <SelectInput key="category" source="category" label="Category" choices={categoryChoices} />,
  <ReferenceInput
    key="subjectId"
    source="subjectId"
    reference="subjects"
    label="Subject"
    sort={{ field: 'name', order: 'ASC' }}
  >
    <AutocompleteInput label="Subject" optionText="name" filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>,
  <SelectInput
    key="appealStatus"
    source="appealStatus"
    label="Appeal"
    choices={appealStatusChoices}
  />,
];

const ViolationListActions = () => {
  const { canAccess: canCreate } = useCanAccess({ resource: 'violations', action: 'create' });
  return (
    <TopToolbar>
      <FilterButton />
      {canCreate ? <CreateButton label="Flag a violation" /> : null}
      <ListExportButton />
    </TopToolbar>
  );
};

export const ViolationList = () => (
  <List
    title="Violation flags"
    filters={violationFilters}
    actions={<ViolationListActions />}
    sort={{ field: 'createdAt', order: 'DESC' }}
    perPage={25}
    exporter={false}
    empty={false}
  >
    <DataTable<ViolationRecord>
      rowClick="show"
      bulkActionButtons={false}
      empty={
        <Typography variant="body1" sx={{ p: 3 }}>
          No violation flags match.
        </Typography>
      }
    >
      <DataTable.Col source="reference" label="Reference" />
      <DataTable.Col
        source="subject"
        label="Subject"
        disableSort
        render={(record) => record.subject.name}
      />
      <DataTable.Col
        source="category"
        label="Category"
        render={(record) => categoryLabel(record.category)}
      />
      <DataTable.Col source="severity" label="Severity">
        <SeverityChip />
      </DataTable.Col>
      <DataTable.Col source="status" label="Status">
        <ViolationStatusChip />
      </DataTable.Col>
      <DataTable.Col
        source="createdAt"
        label="Flagged"
        render={(record) => formatDeskDate(record.createdAt)}
      />
    </DataTable>
  </List>
);
