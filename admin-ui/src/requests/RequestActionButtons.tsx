import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import BlockIcon from '@mui/icons-material/Block';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import ForwardToInboxIcon from '@mui/icons-material/ForwardToInbox';
import HelpOutlineIcon from '@mui/icons-material/HelpOutlined';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import PanToolIcon from '@mui/icons-material/PanTool';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import UndoIcon from '@mui/icons-material/Undo';
import VerifiedIcon from '@mui/icons-material/Verified';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { Button, Stack } from '@mui/material';
import { isDenialReason, type RequestAction } from '@privacy-desk/shared';
import { useState, type ReactElement } from 'react';
import { useNotify, useRecordContext, useRefresh } from 'react-admin';

import { useAppDataProvider, type RequestActionFields, type RequestRecord } from '../dataProvider';
import { describeRequestError, isStaleAnswer } from './errors';
import { DENIAL_CHOICE } from './denial-choice';
import { FieldDialog } from './FieldDialog';
import { actionPresentation, statusLabel } from './presentation';

const ACTION_ICONS: Record<RequestAction, ReactElement> = {
  verify: <VerifiedIcon />,
  resend_verification: <ForwardToInboxIcon />,
  mark_verified: <VerifiedUserIcon />,
  claim: <PanToolIcon />,
  assign: <AssignmentIndIcon />,
  release: <LockOpenIcon />,
  request_info: <HelpOutlineIcon />,
  resume: <PlayArrowIcon />,
  complete: <DoneAllIcon />,
  reject: <BlockIcon />,
  withdraw: <UndoIcon />,
};

const DESTRUCTIVE: readonly RequestAction[] = ['reject', 'withdraw'];

/**
 * One button per action the server says the caller may take now (`allowedActions`, already
 * filtered by role and status). Actions that need a field ask for it in a dialog; every call
 * sends the version the page shows, so a change made meanwhile is refused, not overwritten.
 */
export const RequestActionButtons = () => {
  const record = useRecordContext<RequestRecord>();
  const dataProvider = useAppDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState<RequestAction | null>(null);
  const [running, setRunning] = useState<RequestAction | null>(null);

  if (!record) return null;
  const actions = (record.allowedActions ?? []).filter((action) => action !== 'verify');
  // An open dialog stays after a reload that took its action away, to show the refusal.
  if (actions.length === 0 && !open) return null;

  const perform = async (action: RequestAction, fields: RequestActionFields) => {
    const { data } = await dataProvider.requestAction(record.id, action, record.version, fields);
    notify(`${data.reference ?? record.reference}: ${statusLabel(data.status)}`, { type: 'info' });
    refresh();
  };

  /** From a dialog: a refusal is thrown back to the dialog to show. */
  const submitFromDialog = (action: RequestAction) => async (value: string, choice?: string) => {
    const field = actionPresentation(action).field;
    try {
      await perform(action, {
        ...(field ? { [field]: value } : {}),
        ...(action === 'reject' && isDenialReason(choice) ? { denialReason: choice } : {}),
      });
      setOpen(null);
    } catch (error) {
      if (isStaleAnswer(error)) refresh();
      throw new Error(describeRequestError(error, 'The action was refused'), { cause: error });
    }
  };

  const runAtOnce = async (action: RequestAction) => {
    setRunning(action);
    try {
      await perform(action, {});
    } catch (error) {
      notify(describeRequestError(error, 'The action was refused'), { type: 'error' });
      if (isStaleAnswer(error)) refresh();
    } finally {
      setRunning(null);
    }
  };

  const current = open ? actionPresentation(open) : null;

  return (
    <>
      {actions.length > 0 ? (
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ flexWrap: 'wrap' }}
          role="group"
          aria-label="Request actions"
        >
          {actions.map((action) => {
            const presentation = actionPresentation(action);
            const needsDialog = Boolean(presentation.field || presentation.confirmText);
            return (
              <Button
                key={action}
                size="small"
                variant={action === 'complete' || action === 'claim' ? 'contained' : 'outlined'}
                color={DESTRUCTIVE.includes(action) ? 'error' : 'primary'}
                startIcon={ACTION_ICONS[action]}
                disabled={running !== null}
                onClick={() => (needsDialog ? setOpen(action) : void runAtOnce(action))}
                data-action={action}
              >
                {running === action ? 'Working…' : presentation.label}
              </Button>
            );
          })}
        </Stack>
      ) : null}
      {open && current ? (
        <FieldDialog
          open
          title={current.title}
          input={current.field === 'assigneeId' ? 'assignee' : current.field ? 'text' : 'none'}
          fieldLabel={current.fieldLabel}
          help={current.help ?? current.confirmText}
          confirm={current.confirm ?? current.label}
          choice={open === 'reject' ? DENIAL_CHOICE : undefined}
          onSubmit={submitFromDialog(open)}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </>
  );
};
