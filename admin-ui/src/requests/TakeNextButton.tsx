import SkipNextIcon from '@mui/icons-material/SkipNext';
import { Button } from '@mui/material';
import type { RequestKind } from '@privacy-desk/shared';
import { useState } from 'react';
import { useCanAccess, useListContext, useNotify } from 'react-admin';
import { useNavigate } from 'react-router-dom';

import { errorCode } from '../api';
import { useAppDataProvider } from '../dataProvider';
import { describeRequestError } from './errors';

/**
 * POST /api/requests/claim-next: takes the queued request due first (of the kind the list is
 * filtered on, if any) and opens it.
 */
export const TakeNextButton = () => {
  const { canAccess } = useCanAccess({ resource: 'requests', action: 'claim' });
  const { filterValues } = useListContext();
  const dataProvider = useAppDataProvider();
  const notify = useNotify();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  if (!canAccess) return null;

  const kind =
    typeof filterValues?.kind === 'string' ? (filterValues.kind as RequestKind) : undefined;

  const takeNext = async () => {
    setBusy(true);
    try {
      const { data } = await dataProvider.claimNextRequest(kind);
      notify(`${data.reference} is yours`, { type: 'info' });
      navigate(`/requests/${encodeURIComponent(String(data.id))}/show`);
    } catch (error) {
      if (errorCode(error) === 'queue_empty') {
        notify('The queue is empty', { type: 'info' });
      } else {
        notify(describeRequestError(error, 'No request could be taken'), { type: 'error' });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      size="small"
      variant="contained"
      startIcon={<SkipNextIcon />}
      onClick={takeNext}
      disabled={busy}
      title={kind ? 'Take the next request of the kind filtered on' : 'Take the request due first'}
    >
      {busy ? 'Taking…' : 'Take next'}
    </Button>
  );
};
