import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import { Button } from '@mui/material';
import { EXTENDABLE_STATUSES } from '@privacy-desk/shared';
import { useState } from 'react';
import { useCanAccess, useNotify, useRecordContext, useRefresh } from 'react-admin';

import { useAppDataProvider, type RequestRecord } from '../dataProvider';
import { describeRequestError, isStaleAnswer } from './errors';
import { FieldDialog } from './FieldDialog';

/**
 * POST /api/requests/:id/extend with a reason, offered while the rule allows one extension and
 * it is unused. When the server refuses (e.g. the original due date has passed) its reason is
 * shown in the dialog.
 */
export const ExtendDeadlineButton = () => {
  const record = useRecordContext<RequestRecord>();
  const { canAccess } = useCanAccess({ resource: 'requests', action: 'extend', record });
  const dataProvider = useAppDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);

  if (!record) return null;
  const offered =
    canAccess && record.extensionAvailable && EXTENDABLE_STATUSES.includes(record.status);
  // An open dialog stays, even if a reload shows the extension is gone, to show why.
  if (!offered && !open) return null;

  const extend = async (reason: string) => {
    try {
      const { data } = await dataProvider.extendRequest(record.id, record.version, reason);
      notify(`Deadline extended: now due ${data.dueDate}`, { type: 'info' });
      setOpen(false);
      refresh();
    } catch (error) {
      if (isStaleAnswer(error)) refresh();
      throw new Error(describeRequestError(error, 'The deadline was not extended'), {
        cause: error,
      });
    }
  };

  return (
    <>
      {offered ? (
        <Button
          size="small"
          variant="outlined"
          startIcon={<EventRepeatIcon />}
          onClick={() => setOpen(true)}
        >
          Extend deadline
        </Button>
      ) : null}
      <FieldDialog
        open={open}
        title="Extend the deadline"
        input="text"
        fieldLabel="Reason for the extension"
        help="The law allows one extension, with a reason, before the original due date passes. The requester must be told why."
        confirm="Extend"
        onSubmit={extend}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
