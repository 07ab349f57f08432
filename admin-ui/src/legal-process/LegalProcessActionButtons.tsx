import BlockIcon from '@mui/icons-material/Block';
import GavelIcon from '@mui/icons-material/Gavel';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import UndoIcon from '@mui/icons-material/Undo';
import { Button, Stack } from '@mui/material';
import { LEGAL_PROCESS_ACTION_LABELS, type LegalProcessAction } from '@privacy-desk/shared';
import { useState, type ReactElement } from 'react';
import { useNotify, useRefresh } from 'react-admin';

import { useSession } from '../auth/session';
import { FieldDialog } from '../requests/FieldDialog';
import { describeError, takeAction } from './api';
import { statusLabel, type LegalProcessRecord } from './presentation';
import { RespondDialog } from './RespondDialog';

const LABELS: Record<LegalProcessAction, { label: string; icon: ReactElement }> = {
  start_review: { label: LEGAL_PROCESS_ACTION_LABELS.start_review, icon: <PlayArrowIcon /> },
  respond: { label: LEGAL_PROCESS_ACTION_LABELS.respond, icon: <GavelIcon /> },
  reject: { label: LEGAL_PROCESS_ACTION_LABELS.reject, icon: <BlockIcon /> },
  withdraw: { label: LEGAL_PROCESS_ACTION_LABELS.withdraw, icon: <UndoIcon /> },
};

/**
 * One button per life-cycle action the server says the caller may take now (the shared table,
 * filtered by role). Starting review names the caller as the legal reviewer.
 */
export const LegalProcessActionButtons = ({ record }: { record: LegalProcessRecord }) => {
  const session = useSession();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState<LegalProcessAction | null>(null);
  const [busy, setBusy] = useState(false);
  if (record.actions.length === 0 && !open) return null;

  const done = (status: string) => {
    notify(`${record.reference}: ${statusLabel(status)}`, { type: 'info' });
    setOpen(null);
    refresh();
  };

  const startReview = async () => {
    setBusy(true);
    try {
      const result = await takeAction(record.id, 'start_review', record.version, {
        legalReviewerId: session?.user.id,
      });
      done(result.status);
    } catch (error) {
      notify(describeError(error, 'Review could not start'), { type: 'error' });
      refresh();
    } finally {
      setBusy(false);
    }
  };

  const withReason = (action: 'reject' | 'withdraw') => async (reason: string) => {
    try {
      const result = await takeAction(record.id, action, record.version, { reason });
      done(result.status);
    } catch (error) {
      throw new Error(describeError(error, 'The action was refused'), { cause: error });
    }
  };

  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {record.actions.map((action) => (
        <Button
          key={action}
          variant={action === 'respond' ? 'contained' : 'outlined'}
          color={action === 'reject' ? 'error' : 'primary'}
          startIcon={LABELS[action].icon}
          disabled={busy}
          onClick={() => (action === 'start_review' ? void startReview() : setOpen(action))}
          data-testid={`lp-action-${action}`}
        >
          {LABELS[action].label}
        </Button>
      ))}
      {open === 'respond' ? (
        <RespondDialog
          record={record}
          onClose={() => setOpen(null)}
          onDone={() => done('responded')}
        />
      ) : null}
      <FieldDialog
        open={open === 'reject' || open === 'withdraw'}
        title={
          open === 'reject' ? `Reject ${record.reference}` : `${record.reference} was withdrawn`
        }
        input="text"
        fieldLabel="Reason"
        confirm={open === 'reject' ? 'Reject' : 'Record withdrawal'}
        onSubmit={withReason(open === 'reject' ? 'reject' : 'withdraw')}
        onClose={() => setOpen(null)}
      />
    </Stack>
  );
};
