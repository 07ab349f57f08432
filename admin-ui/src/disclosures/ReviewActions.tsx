import CheckIcon from '@mui/icons-material/Check';
import ReplayIcon from '@mui/icons-material/Replay';
import SendIcon from '@mui/icons-material/Send';
import { Alert, Button, Stack } from '@mui/material';
import { REVIEW_ACTION_LABELS, type ReviewAction } from '@privacy-desk/shared';
import { useState } from 'react';
import { useNotify, useRecordContext, useRefresh } from 'react-admin';

import { apiFetch } from '../api';
import { FieldDialog } from '../requests/FieldDialog';
import type { DisclosureRecord } from './presentation';

const LABELS = REVIEW_ACTION_LABELS;
const ICONS = { approve: <CheckIcon />, return: <ReplayIcon />, resubmit: <SendIcon /> };

/**
 * The review actions the server offers this user now (`review.actions`, four eyes already
 * applied): no approve button for whoever recorded the disclosure or decided a flag it cites.
 */
export const ReviewActions = () => {
  const record = useRecordContext<DisclosureRecord>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!record) return null;

  const run = async (action: ReviewAction, reason?: string) => {
    await apiFetch(`/disclosures/${encodeURIComponent(record.id)}/${action}`, {
      method: 'POST',
      body: { version: record.version, ...(reason ? { reason } : {}) },
    });
    notify(`${record.reference}: ${LABELS[action].toLowerCase()} done`, { type: 'info' });
    refresh();
  };
  const runAtOnce = async (action: ReviewAction) => {
    setBusy(true);
    try {
      await run(action);
    } catch (error) {
      notify(error instanceof Error ? error.message : 'The action was refused', { type: 'error' });
      refresh();
    } finally {
      setBusy(false);
    }
  };

  const { actions, approvalBlockedReason } = record.review;
  return (
    <Stack spacing={1} sx={{ my: 1 }}>
      {approvalBlockedReason ? <Alert severity="info">{approvalBlockedReason}</Alert> : null}
      <Stack direction="row" spacing={1}>
        {actions.map((action) =>
          action === 'return' ? (
            <Button
              key={action}
              variant="outlined"
              color="warning"
              startIcon={ICONS[action]}
              onClick={() => setReturning(true)}
            >
              {LABELS[action]}
            </Button>
          ) : (
            <Button
              key={action}
              variant="contained"
              startIcon={ICONS[action]}
              disabled={busy}
              onClick={() => void runAtOnce(action)}
            >
              {LABELS[action]}
            </Button>
          ),
        )}
      </Stack>
      {returning ? (
        <FieldDialog
          open
          title={`Return ${record.reference} for correction`}
          input="text"
          fieldLabel="What must be corrected"
          confirm="Return"
          onClose={() => setReturning(false)}
          onSubmit={async (reason: string) => {
            await run('return', reason);
            setReturning(false);
          }}
        />
      ) : null}
    </Stack>
  );
};
