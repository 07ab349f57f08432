import LockResetIcon from '@mui/icons-material/LockReset';
import {
  Alert,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Button as MuiButton,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Button, Confirm, useCanAccess, useNotify, useRecordContext } from 'react-admin';

import { useAppDataProvider, type UserRecord } from '../dataProvider';

/**
 * POST /api/users/:id/reset-password after a confirmation; shows the temporary password once.
 * The user must change it at their next sign-in.
 */
export const ResetPasswordButton = () => {
  const record = useRecordContext<UserRecord>();
  const { canAccess } = useCanAccess({ resource: 'users', action: 'resetPassword', record });
  const dataProvider = useAppDataProvider();
  const notify = useNotify();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [temporaryPassword, setTemporaryPassword] = useState<string | null>(null);

  if (!record || !canAccess) return null;

  const reset = async () => {
    setBusy(true);
    try {
      const result = await dataProvider.resetUserPassword(record.id);
      setTemporaryPassword(result.temporaryPassword);
    } catch (error) {
      notify(error instanceof Error ? error.message : 'The password was not reset', {
        type: 'error',
      });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <>
      <Button label="Reset password" onClick={() => setConfirming(true)}>
        <LockResetIcon />
      </Button>
      <Confirm
        isOpen={confirming}
        loading={busy}
        title={`Reset the password of ${record.email}?`}
        content="Their current password stops working. You will see a temporary password once; they must change it when they next sign in."
        confirm="Reset password"
        onConfirm={reset}
        onClose={() => setConfirming(false)}
      />
      <Dialog
        open={temporaryPassword !== null}
        aria-labelledby="temporary-password-title"
        onClose={(_event, reason) => {
          // Only the button closes it, so the password is not lost by a stray click.
          if (reason !== 'backdropClick') setTemporaryPassword(null);
        }}
      >
        <DialogTitle id="temporary-password-title">Temporary password</DialogTitle>
        <DialogContent>
          <Alert severity="warning" sx={{ mb: 2 }}>
            This is shown only once. Give it to {record.name} securely; they must change it at their
            next sign-in.
          </Alert>
          <Typography
            component="code"
            data-testid="temporary-password"
            sx={{ fontFamily: 'monospace', fontSize: '1.2rem', userSelect: 'all' }}
          >
            {temporaryPassword}
          </Typography>
        </DialogContent>
        <DialogActions>
          <MuiButton variant="contained" onClick={() => setTemporaryPassword(null)}>
            Done
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
};
