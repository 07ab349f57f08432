import { Button as MuiButton, Chip, Typography } from '@mui/material';
import type { SuppressionDto } from '@privacy-desk/shared';
import {
  DataTable,
  FilterButton,
  List,
  SearchInput,
  SelectInput,
  TopToolbar,
  useCanAccess,
  type RaRecord,
} from 'react-admin';
import { Link } from 'react-router-dom';

import {
  activeChoices,
  channelChoices,
  channelLabel,
  scopeChoices,
  scopeLabel,
} from './presentation';
import { ListExportButton } from '../exports/ListExportButton';
import { formatDeskDateTime } from '../common/desk-dates';

export type SuppressionRecord = SuppressionDto & RaRecord;

const suppressionFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Email, phone, address, hash or request" />,
  <SelectInput key="channel" source="channel" label="Channel" choices={channelChoices} />,
  <SelectInput key="scope" source="scope" label="Scope" choices={scopeChoices} />,
  <SelectInput
    key="active"
    source="active"
    label="State"
    choices={activeChoices}
    parse={(v: string) => (v === '' ? undefined : v === 'true')}
    format={(v: unknown) => (v === undefined || v === null ? '' : String(v))}
  />,
];

const SuppressionListActions = () => {
  const { canAccess: canScrub } = useCanAccess({ resource: 'suppressions', action: 'scrub' });
  return (
    <TopToolbar>
      <FilterButton />
      {canScrub ? (
        <MuiButton component={Link} to="/suppressions/scrub" size="small">
          Scrub a list
        </MuiButton>
      ) : null}
      <ListExportButton />
    </TopToolbar>
  );
};

/**
 * The suppression (opt-out) list. Read-only: an entry is never deleted or edited by staff;
 * only a verified opt-in request from the person revokes it.
 */
export const SuppressionList = () => (
  <List
    title="Suppression list"
    filters={suppressionFilters}
    filterDefaultValues={{ active: true }}
    actions={<SuppressionListActions />}
    sort={{ field: 'effectiveAt', order: 'DESC' }}
    perPage={25}
    exporter={false}
    empty={false}
  >
    <DataTable<SuppressionRecord>
      rowClick={false}
      bulkActionButtons={false}
      empty={
        <Typography variant="body1" sx={{ p: 3 }}>
          No suppression entries match.
        </Typography>
      }
    >
      <DataTable.Col source="value" label="Value" />
      <DataTable.Col
        source="channel"
        label="Channel"
        render={(record) => channelLabel(record.channel)}
      />
      <DataTable.Col source="scope" label="Scope" render={(record) => scopeLabel(record.scope)} />
      <DataTable.Col
        source="subject"
        label="Subject"
        disableSort
        render={(record) =>
          record.subject ? (
            <Link to={`/subjects/${record.subject.id}/show`}>{record.subject.name}</Link>
          ) : (
            '—'
          )
        }
      />
      <DataTable.Col
        source="sourceReference"
        label="Request"
        render={(record) =>
          record.sourceRequestId ? (
            <Link to={`/requests/${record.sourceRequestId}/show`}>{record.sourceReference}</Link>
          ) : (
            '—'
          )
        }
      />
      <DataTable.Col
        source="effectiveAt"
        label="Effective"
        render={(record) => formatDeskDateTime(record.effectiveAt)}
      />
      <DataTable.Col
        source="stopBy"
        label="Stop by"
        render={(record) => <span title={record.stopByCitation}>{record.stopBy}</span>}
      />
      <DataTable.Col
        source="revokedAt"
        label="State"
        render={(record) =>
          record.active ? (
            <Chip size="small" color="warning" label="Active" />
          ) : (
            <Chip size="small" label="Revoked" title={record.revokeReason ?? undefined} />
          )
        }
      />
    </DataTable>
  </List>
);
