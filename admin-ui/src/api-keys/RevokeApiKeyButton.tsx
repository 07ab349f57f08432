import KeyOffIcon from '@mui/icons-material/KeyOff';
import { useState, type MouseEvent } from 'react';
import {
  Button,
  Confirm,
  useCanAccess,
  useNotify,
  useRecordContext,
  useRefresh,
} from 'react-admin';

import { useAppDataProvider, type ApiKeyRecord } from '../dataProvider';

/** POST /api/api-keys/:id/revoke after a confirmation. A revoked key stops working at once. */
export const RevokeApiKeyButton = () => {
  const record = useRecordContext<ApiKeyRecord>();
  const { canAccess } = useCanAccess({ resource: 'api-keys', action: 'revoke', record });
  const dataProvider = useAppDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!record || !canAccess || record.revokedAt) return null;

  const revoke = async () => {
    setBusy(true);
    try {
      await dataProvider.revokeApiKey(record.id);
      notify(`The key “${record.name}” is revoked`, { type: 'info' });
    } catch (error) {
      notify(error instanceof Error && error.message ? error.message : 'The key was not revoked', {
        type: 'error',
      });
    } finally {
      setBusy(false);
      setConfirming(false);
      refresh();
    }
  };

  return (
    <>
      <Button
        label="Revoke"
        color="error"
        onClick={(event: MouseEvent) => {
          event.stopPropagation();
          setConfirming(true);
        }}
      >
        <KeyOffIcon />
      </Button>
      <Confirm
        isOpen={confirming}
        loading={busy}
        title={`Revoke the key “${record.name}”?`}
        content={`Anything still using the key starting ${record.prefix} is refused from now on. This cannot be undone.`}
        confirm="Revoke"
        confirmColor="warning"
        onConfirm={revoke}
        onClose={() => setConfirming(false)}
      />
    </>
  );
};
