import BlockIcon from '@mui/icons-material/Block';
import { useState } from 'react';
import {
  Button,
  Confirm,
  useCanAccess,
  useNotify,
  useRecordContext,
  useRefresh,
} from 'react-admin';

import { useAppDataProvider, type UserRecord } from '../dataProvider';

/** POST /api/users/:id/deactivate, after a confirmation. Admins only. */
export const DeactivateUserButton = () => {
  const record = useRecordContext<UserRecord>();
  const { canAccess } = useCanAccess({ resource: 'users', action: 'deactivate', record });
  const dataProvider = useAppDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!record || !canAccess || !record.active) return null;

  const confirm = async () => {
    setBusy(true);
    try {
      await dataProvider.deactivateUser(record.id);
      notify(`${record.email} is deactivated and can no longer sign in`, { type: 'info' });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'The user was not deactivated', {
        type: 'error',
      });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };

  return (
    <>
      <Button label="Deactivate" color="warning" onClick={() => setOpen(true)}>
        <BlockIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={`Deactivate ${record.email}?`}
        content="They will be signed out and can no longer sign in. Their history stays in the audit log."
        confirm="Deactivate"
        confirmColor="warning"
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
