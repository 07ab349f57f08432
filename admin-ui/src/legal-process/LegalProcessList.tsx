import { Chip, Tab, Tabs } from '@mui/material';
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
} from 'react-admin';

import { GagChip } from './GagChip';
import { LegalDueBadge } from './LegalDueBadge';
import {
  gagChoices,
  LEGAL_PROCESS_VIEWS,
  reviewStatusChoices,
  reviewStatusLabel,
  statusChoices,
  statusLabel,
  typeChoices,
  typeLabel,
  type LegalProcessRecord,
} from './presentation';
import { ListExportButton } from '../exports/ListExportButton';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Reference, case number or authority" />,
  <SelectInput key="type" source="type" label="Type" choices={typeChoices} />,
  <SelectArrayInput key="status" source="status" label="Status" choices={statusChoices} />,
  <SelectInput
    key="reviewStatus"
    source="reviewStatus"
    label="Compliance review"
    choices={reviewStatusChoices}
  />,
  <SelectInput key="gag" source="gag" label="Gag order" choices={gagChoices} />,
];

const Actions = () => {
  const { canAccess } = useCanAccess({ resource: 'legal-process', action: 'create' });
  return (
    <TopToolbar>
      <FilterButton />
      {canAccess ? <CreateButton label="Record legal process" /> : null}
      <ListExportButton />
    </TopToolbar>
  );
};

/** Tabs over the `view` filter: everything, overdue, due soon (like the request queue). */
const ViewTabs = () => {
  const { filterValues, displayedFilters, setFilters } = useListContext<LegalProcessRecord>();
  const view: unknown = filterValues.view;
  const current = LEGAL_PROCESS_VIEWS.some((tab) => tab.value === view) ? (view as string) : 'all';
  const select = (_event: SyntheticEvent, value: string) => {
    const { view: _old, ...rest } = filterValues as Record<string, unknown>;
    setFilters(value === 'all' ? rest : { ...rest, view: value }, displayedFilters);
  };
  return (
    <Tabs
      value={current}
      onChange={select}
      aria-label="Legal process views"
      sx={{ borderBottom: 1, borderColor: 'divider' }}
    >
      {LEGAL_PROCESS_VIEWS.map((tab) => (
        <Tab key={tab.value} value={tab.value} label={tab.label} />
      ))}
    </Tabs>
  );
};

export const LegalProcessList = () => (
  <List
    title="Legal process"
    filters={filters}
    actions={<Actions />}
    sort={{ field: 'responseDueAt', order: 'ASC' }}
    perPage={25}
    exporter={false}
    empty={false}
  >
    <ViewTabs />
    <DataTable<LegalProcessRecord> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="reference" label="Reference" />
      <DataTable.Col source="type" label="Type" render={(r) => typeLabel(r.type)} />
      <DataTable.Col source="issuingAuthority" label="Authority" disableSort />
      <DataTable.Col source="status" label="Status" render={(r) => statusLabel(r.status)} />
      <DataTable.Col
        source="reviewStatus"
        label="Review"
        disableSort
        render={(r) =>
          r.review ? <Chip size="small" label={reviewStatusLabel(r.review.status)} /> : '—'
        }
      />
      <DataTable.Col source="subjectCount" label="Subjects" disableSort />
      <DataTable.Col
        source="gag"
        label="Gag"
        disableSort
        render={(r) => <GagChip record={r as LegalProcessRecord} />}
      />
      <DataTable.Col
        source="responseDueAt"
        label="Due"
        render={(r) => <LegalDueBadge record={r as LegalProcessRecord} />}
      />
    </DataTable>
  </List>
);
