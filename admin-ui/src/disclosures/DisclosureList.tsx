import { Chip } from '@mui/material';
import {
  BooleanInput,
  CreateButton,
  DataTable,
  DateInput,
  FilterButton,
  List,
  ReferenceInput,
  AutocompleteInput,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  TopToolbar,
  useCanAccess,
} from 'react-admin';

import {
  basisChoices,
  basisLabel,
  dayOf,
  recipientTypeChoices,
  recipientTypeLabel,
  reviewStatusChoices,
  reviewStatusLabel,
  type DisclosureRecord,
} from './presentation';
import { ListExportButton } from '../exports/ListExportButton';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Reference or recipient" />,
  <SelectArrayInput key="basis" source="basis" label="Basis" choices={basisChoices} />,
  <SelectArrayInput
    key="recipientType"
    source="recipientType"
    label="Recipient type"
    choices={recipientTypeChoices}
  />,
  <SelectArrayInput
    key="reviewStatus"
    source="reviewStatus"
    label="Review"
    choices={reviewStatusChoices}
  />,
  <DateInput key="disclosedFrom" source="disclosedFrom" label="Disclosed from" />,
  <DateInput key="disclosedTo" source="disclosedTo" label="Disclosed to" />,
  <SelectInput
    key="gag"
    source="gag"
    label="Gag order"
    choices={[
      { id: 'true', name: 'Under a gag order in force' },
      { id: 'false', name: 'Not gagged' },
    ]}
  />,
  <BooleanInput key="aggregated" source="aggregated" label="Aggregated statistics" />,
  <ReferenceInput
    key="subjectId"
    source="subjectId"
    reference="subjects"
    sort={{ field: 'name', order: 'ASC' }}
  >
    <AutocompleteInput
      label="Subject"
      optionText="name"
      filterToQuery={(q: string) => (q ? { q } : {})}
    />
  </ReferenceInput>,
];

const Actions = () => {
  const { canAccess } = useCanAccess({ resource: 'disclosures', action: 'create' });
  return (
    <TopToolbar>
      <FilterButton />
      {canAccess ? <CreateButton label="Record a disclosure" /> : null}
      <ListExportButton />
    </TopToolbar>
  );
};

export const DisclosureList = () => (
  <List<DisclosureRecord>
    filters={filters}
    actions={<Actions />}
    sort={{ field: 'disclosedAt', order: 'DESC' }}
    title="Disclosures"
    empty={false}
  >
    <DataTable<DisclosureRecord> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="reference" label="Reference" />
      <DataTable.Col
        source="disclosedAt"
        label="Disclosed on"
        render={(r) => dayOf(r.disclosedAt)}
      />
      <DataTable.Col source="recipientName" label="Recipient" />
      <DataTable.Col
        source="recipientType"
        label="Recipient type"
        disableSort
        render={(r) => recipientTypeLabel(r.recipientType)}
      />
      <DataTable.Col source="basis" label="Basis" render={(r) => basisLabel(r.basis)} />
      <DataTable.Col
        source="subjectCount"
        label="Subjects"
        disableSort
        render={(r) => (r.aggregated ? 'Aggregated' : String(r.subjectCount))}
      />
      <DataTable.Col
        source="reviewStatus"
        label="Review"
        render={(r) => reviewStatusLabel(r.review.status)}
      />
      <DataTable.Col
        source="gagged"
        label="Gag"
        disableSort
        render={(r) => (r.gagged ? <Chip size="small" color="warning" label="Gag in force" /> : '')}
      />
    </DataTable>
  </List>
);
