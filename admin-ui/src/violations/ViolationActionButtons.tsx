import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import type { EnforcementAction, ViolationAction } from '@privacy-desk/shared';
import { useId, useState, type FormEvent } from 'react';
import { useNotify, useRecordContext, useRefresh } from 'react-admin';

import { apiFetch, fieldErrors, isHttpError } from '../api';
import { enforcementChoices, violationActionLabel, violationStatusLabel } from './presentation';
import type { ViolationRecord } from './ViolationChips';

const HELP: Partial<Record<ViolationAction, string>> = {
  confirm: 'Confirm the violation: give the reason and the enforcement action taken.',
  dismiss: 'Dismiss the flag: say why.',
  appeal:
    'A flag can be appealed once. A compliance officer other than the one who decided it decides the appeal.',
  uphold_appeal: 'Keep the flag confirmed: say why the appeal fails.',
  grant_appeal: 'Overturn the flag (it becomes dismissed): say why the appeal succeeds.',
};

function runAction(
  record: ViolationRecord,
  action: ViolationAction,
  fields: { reason?: string; enforcementAction?: EnforcementAction },
) {
  return apiFetch<ViolationRecord>(
    `/violations/${encodeURIComponent(record.id)}/actions/${encodeURIComponent(action)}`,
    { method: 'POST', body: { version: record.version, ...fields } },
  );
}

/**
 * One button per action the server says this user may take now (`actions`: the table, the one
 * appeal, and four eyes on the appeal already applied). Each asks for what it needs in a
 * dialog, which shows the server's refusal.
 */
export const ViolationActionButtons = () => {
  const record = useRecordContext<ViolationRecord>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState<ViolationAction | null>(null);
  const [running, setRunning] = useState(false);
  if (!record) return null;
  const actions = record.actions ?? [];
  if (actions.length === 0 && !open) return null;

  const startReview = async () => {
    setRunning(true);
    try {
      const data = await runAction(record, 'start_review', {});
      notify(`${data.reference}: ${violationStatusLabel(data.status)}`, { type: 'info' });
    } catch (failure) {
      notify(isHttpError(failure) ? failure.message : 'The action failed', { type: 'error' });
    } finally {
      setRunning(false);
      refresh();
    }
  };

  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }} data-testid="violation-actions">
      {actions.map((action) => (
        <Button
          key={action}
          variant={action === 'confirm' || action === 'grant_appeal' ? 'contained' : 'outlined'}
          size="small"
          disabled={running}
          onClick={() => (action === 'start_review' ? void startReview() : setOpen(action))}
        >
          {violationActionLabel(action)}
        </Button>
      ))}
      {open ? (
        <DecisionDialog
          action={open}
          onClose={() => setOpen(null)}
          onSubmit={async (fields) => {
            const data = await runAction(record, open, fields);
            notify(`${data.reference}: ${violationStatusLabel(data.status)}`, { type: 'info' });
            setOpen(null);
            refresh();
          }}
        />
      ) : null}
    </Stack>
  );
};

const DecisionDialog = ({
  action,
  onClose,
  onSubmit,
}: {
  action: ViolationAction;
  onClose: () => void;
  onSubmit: (fields: { reason: string; enforcementAction?: EnforcementAction }) => Promise<void>;
}) => {
  const titleId = useId();
  const needsEnforcement = action === 'confirm';
  const [reason, setReason] = useState('');
  const [enforcement, setEnforcement] = useState<EnforcementAction | ''>('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const missing = !reason.trim() || (needsEnforcement && !enforcement);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (missing || busy) return;
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      await onSubmit({
        reason: reason.trim(),
        ...(needsEnforcement && enforcement ? { enforcementAction: enforcement } : {}),
      });
    } catch (failure) {
      setErrors(fieldErrors(failure) ?? {});
      setMessage(isHttpError(failure) ? failure.message : 'The action failed');
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{violationActionLabel(action)}</DialogTitle>
        <DialogContent>
          {HELP[action] ? (
            <DialogContentText sx={{ mb: 2 }}>{HELP[action]}</DialogContentText>
          ) : null}
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={3}
            label="Reason"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={!!errors.reason}
            helperText={errors.reason}
            required
          />
          {needsEnforcement ? (
            <TextField
              select
              fullWidth
              label="Enforcement action"
              value={enforcement}
              onChange={(event) => setEnforcement(event.target.value as EnforcementAction)}
              error={!!errors.enforcementAction}
              helperText={errors.enforcementAction}
              required
              sx={{ mt: 2 }}
            >
              {enforcementChoices.map((choice) => (
                <MenuItem key={choice.id} value={choice.id}>
                  {choice.name}
                </MenuItem>
              ))}
            </TextField>
          ) : null}
          {message ? (
            <Alert severity="error" sx={{ mt: 2 }}>
              {message}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={missing || busy}>
            {violationActionLabel(action)}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
