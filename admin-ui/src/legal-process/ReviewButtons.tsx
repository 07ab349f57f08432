import CheckIcon from '@mui/icons-material/Check';
import ReplayIcon from '@mui/icons-material/Replay';
import SendIcon from '@mui/icons-material/Send';
import { Alert, Button, Stack } from '@mui/material';
import type { ReviewAction } from '@privacy-desk/shared';
import { useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';

import { FieldDialog } from '../requests/FieldDialog';
import { describeError, review } from './api';
import { reviewStatusLabel, type LegalProcessRecord } from './presentation';

/**
 * Compliance review of the response. Only the actions the server lists for this user are shown
 * (four eyes applied there): whoever recorded the process or its response never sees Approve.
 */
export const ReviewButtons = ({ record }: { record: LegalProcessRecord }) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const state = record.review;
  if (!state) return null;

  const run = async (action: ReviewAction, reason?: string) => {
    const result = await review(record.id, action, record.version, reason);
    notify(`${record.reference}: ${reviewStatusLabel(result.review?.status ?? '')}`, {
      type: 'info',
    });
    refresh();
  };
  const now = (action: ReviewAction) => async () => {
    setBusy(true);
    try {
      await run(action);
    } catch (error) {
      notify(describeError(error, 'Refused'), { type: 'error' });
      refresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={1}>
      {state.approvalBlockedReason && state.actions.includes('return') ? (
        <Alert severity="info" data-testid="four-eyes-note">
          {state.approvalBlockedReason}
        </Alert>
      ) : null}
      <Stack direction="row" spacing={1}>
        {state.actions.includes('approve') ? (
          <Button
            variant="contained"
            color="success"
            startIcon={<CheckIcon />}
            disabled={busy}
            onClick={() => void now('approve')()}
            data-testid="lp-review-approve"
          >
            Approve
          </Button>
        ) : null}
        {state.actions.includes('return') ? (
          <Button
            variant="outlined"
            startIcon={<ReplayIcon />}
            disabled={busy}
            onClick={() => setReturning(true)}
            data-testid="lp-review-return"
          >
            Return for correction
          </Button>
        ) : null}
        {state.actions.includes('resubmit') ? (
          <Button
            variant="outlined"
            startIcon={<SendIcon />}
            disabled={busy}
            onClick={() => void now('resubmit')()}
            data-testid="lp-review-resubmit"
          >
            Resubmit for review
          </Button>
        ) : null}
      </Stack>
      <FieldDialog
        open={returning}
        title={`Return ${record.reference} for correction`}
        input="text"
        fieldLabel="What must be corrected"
        confirm="Return"
        onSubmit={async (reason) => {
          try {
            await run('return', reason);
            setReturning(false);
          } catch (error) {
            throw new Error(describeError(error, 'Refused'), { cause: error });
          }
        }}
        onClose={() => setReturning(false)}
      />
    </Stack>
  );
};
