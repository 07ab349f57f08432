import { Button, Stack } from '@mui/material';
import { isClosed } from '@privacy-desk/shared';
import { useState } from 'react';
import { useCanAccess, useNotify, useRefresh } from 'react-admin';

import { useAppDataProvider, type RequestRecord } from '../dataProvider';
import { describeRequestError, isStaleAnswer } from './errors';

/** Merge a likely duplicate into its original (closing it), or keep both. */
export const DuplicateActions = ({ record }: { record: RequestRecord }) => {
  const dataProvider = useAppDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const { canAccess } = useCanAccess({ resource: 'requests', action: 'note' });
  if (!canAccess || isClosed(record.status)) return null;

  const decide = async (decision: 'merge' | 'keep') => {
    setBusy(true);
    try {
      await dataProvider.resolveDuplicate(record.id, record.version, decision);
      notify(
        decision === 'merge'
          ? `Merged into ${record.duplicateOfReference ?? 'the original request'}`
          : 'Kept as a separate request',
        { type: 'info' },
      );
    } catch (failure) {
      if (isStaleAnswer(failure)) refresh();
      notify(describeRequestError(failure, 'The duplicate was not settled'), { type: 'error' });
    } finally {
      setBusy(false);
      refresh();
    }
  };

  return (
    <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
      <Button size="small" variant="outlined" disabled={busy} onClick={() => void decide('merge')}>
        Merge into original
      </Button>
      <Button size="small" disabled={busy} onClick={() => void decide('keep')}>
        Keep separate
      </Button>
    </Stack>
  );
};
