import {
  Alert,
  Button,
  Checkbox,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import type { SuppressionDto } from '@privacy-desk/shared';
import { useCallback, useEffect, useState } from 'react';
import { useCanAccess, useNotify } from 'react-admin';

import { apiFetch } from '../api';
import { channelLabel, scopeLabel } from './presentation';
import { formatDeskDateTime } from '../common/desk-dates';

interface OptOutCheck {
  id: string;
  kind: 'partner' | 'downstream';
  label: string;
  done: boolean;
  doneAt: string | null;
  doneBy: { id: string; name: string } | null;
  note: string | null;
  version: number;
}

interface Panel {
  entries: SuppressionDto[];
  checks: OptOutCheck[];
}

const CheckRow = ({
  requestId,
  item,
  canTick,
  onDone,
}: {
  requestId: string;
  item: OptOutCheck;
  canTick: boolean;
  onDone: () => void;
}) => {
  const notify = useNotify();
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const tick = async () => {
    setSaving(true);
    try {
      await apiFetch(`/suppressions/requests/${requestId}/checks/${item.id}/done`, {
        method: 'POST',
        body: { version: item.version, note: note.trim() || undefined },
      });
      notify('Confirmed', { type: 'success' });
      onDone();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setSaving(false);
    }
  };
  return (
    <ListItem divider data-testid="opt-out-check" data-done={item.done ? 'true' : 'false'}>
      <ListItemIcon>
        <Checkbox
          checked={item.done}
          disabled
          slotProps={{ input: { 'aria-label': item.label } }}
        />
      </ListItemIcon>
      <ListItemText
        primary={item.label}
        secondary={
          item.done
            ? `Confirmed by ${item.doneBy?.name ?? 'someone'} on ${formatDeskDateTime(item.doneAt!)}${item.note ? `: ${item.note}` : ''}`
            : 'Open'
        }
      />
      {!item.done && canTick ? (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TextField
            size="small"
            label="How they were told"
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <Button variant="outlined" size="small" disabled={saving} onClick={tick}>
            Mark done
          </Button>
        </Stack>
      ) : null}
    </ListItem>
  );
};

/**
 * An opt-out request's work: the suppression entries it wrote when it became new, and the
 * downstream checklist (partners from the disclosure log, downstream systems) that staff tick
 * before the request can complete.
 */
export const OptOutPanel = ({ requestId }: { requestId: string }) => {
  const [panel, setPanel] = useState<Panel | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { canAccess: canTick } = useCanAccess({ resource: 'requests', action: 'note' });
  const load = useCallback(() => {
    apiFetch<Panel>(`/suppressions/requests/${requestId}`)
      .then((p) => {
        setPanel(p);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, [requestId]);
  useEffect(load, [load]);

  if (error) return <Alert severity="error">{error}</Alert>;
  if (!panel) return null;
  const open = panel.checks.filter((c) => !c.done).length;
  return (
    <Stack spacing={2} data-testid="opt-out-panel">
      <Typography variant="subtitle1">Suppression entries</Typography>
      {panel.entries.length === 0 ? (
        <Typography variant="body2">
          This request wrote no entries (see the timeline for why).
        </Typography>
      ) : (
        <Table size="small" aria-label="Suppression entries">
          <TableHead>
            <TableRow>
              <TableCell>Channel</TableCell>
              <TableCell>Value</TableCell>
              <TableCell>Scope</TableCell>
              <TableCell>Stop by</TableCell>
              <TableCell>State</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {panel.entries.map((e) => (
              <TableRow key={e.id} data-testid="suppression-entry">
                <TableCell>{channelLabel(e.channel)}</TableCell>
                <TableCell>{e.value}</TableCell>
                <TableCell>{scopeLabel(e.scope)}</TableCell>
                <TableCell title={e.stopByCitation}>
                  {e.stopBy} ({e.stopByCitation})
                </TableCell>
                <TableCell>{e.active ? 'Active' : 'Revoked'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {panel.checks.length ? (
        <>
          <Typography variant="subtitle1">Downstream checklist</Typography>
          {open ? (
            <Alert severity="info">
              {open} {open === 1 ? 'item is' : 'items are'} open: the request can complete once
              every recipient and system was told.
            </Alert>
          ) : null}
          <List dense disablePadding>
            {panel.checks.map((item) => (
              <CheckRow
                key={item.id}
                requestId={requestId}
                item={item}
                canTick={canTick ?? false}
                onDone={load}
              />
            ))}
          </List>
        </>
      ) : null}
    </Stack>
  );
};
