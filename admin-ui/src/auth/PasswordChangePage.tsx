import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { ERROR_CODES, PASSWORD_MIN_LENGTH } from '@privacy-desk/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Title, useLogout, useNotify } from 'react-admin';
import { useNavigate } from 'react-router-dom';

import { errorCode, fieldErrors, isHttpError } from '../api';
import { dataProvider } from '../dataProvider';
import { loadSession, requiredStep, useSession } from './session';

type Field = 'currentPassword' | 'newPassword' | 'confirmPassword';
type Errors = Partial<Record<Field, string>>;

export const PasswordChangePage = () => {
  const session = useSession();
  const navigate = useNavigate();
  const notify = useNotify();
  const logout = useLogout();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<Field, string>>({
    currentPassword: '',
    newPassword: '',
    confirmPassword: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: Field) => (event: ChangeEvent<HTMLInputElement>) =>
    setValues((previous) => ({ ...previous, [field]: event.target.value }));

  const validate = (): Errors => {
    const found: Errors = {};
    if (!values.currentPassword) found.currentPassword = 'Enter your current password.';
    if (values.newPassword.length < PASSWORD_MIN_LENGTH) {
      found.newPassword = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
    } else if (values.newPassword === values.currentPassword) {
      found.newPassword = 'Choose a password different from the current one.';
    }
    if (values.confirmPassword !== values.newPassword) {
      found.confirmPassword = 'The two new passwords differ.';
    }
    return found;
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await dataProvider.changeOwnPassword({
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
    } catch (caught) {
      setBusy(false);
      const serverErrors = fieldErrors(caught);
      const code = errorCode(caught);
      if (serverErrors) {
        setErrors(serverErrors as Errors);
        const unplaced = Object.entries(serverErrors)
          .filter(([field]) => !['currentPassword', 'newPassword'].includes(field))
          .map(([, message]) => message);
        setFormError(unplaced.length ? unplaced.join(' ') : null);
      } else if (code === ERROR_CODES.invalidCredentials) {
        setErrors({ currentPassword: 'The current password is not right.' });
      } else if (isHttpError(caught) && caught.status === 401) {
        logout();
      } else {
        setFormError(caught instanceof Error ? caught.message : 'The password was not changed.');
      }
      return;
    }
    setValues({ currentPassword: '', newPassword: '', confirmPassword: '' });
    const fresh = await loadSession(true).catch(() => null);
    await queryClient.invalidateQueries({ queryKey: ['auth'] });
    setBusy(false);
    if (!fresh) {
      notify('Your password has been changed. Please sign in again.', { type: 'success' });
      logout();
      return;
    }
    notify('Your password has been changed.', { type: 'success' });
    navigate(requiredStep(fresh) ?? '/');
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Title title="Change password" />
      <Card sx={{ maxWidth: 520 }}>
        <CardContent>
          <Box component="form" onSubmit={onSubmit} noValidate aria-label="Change password">
            <Stack spacing={2}>
              <Typography component="h2" variant="h6">
                Change your password
              </Typography>
              {session?.passwordChangeRequired ? (
                <Alert severity="warning">
                  Your password was reset. Choose a new one before you continue.
                </Alert>
              ) : null}
              {formError ? (
                <Alert severity="error" role="alert">
                  {formError}
                </Alert>
              ) : null}
              <TextField
                id="current-password"
                label="Current password"
                type="password"
                autoComplete="current-password"
                value={values.currentPassword}
                onChange={set('currentPassword')}
                error={!!errors.currentPassword}
                helperText={errors.currentPassword ?? ' '}
                required
              />
              <TextField
                id="new-password"
                label="New password"
                type="password"
                autoComplete="new-password"
                value={values.newPassword}
                onChange={set('newPassword')}
                error={!!errors.newPassword}
                helperText={errors.newPassword ?? `At least ${PASSWORD_MIN_LENGTH} characters.`}
                required
              />
              <TextField
                id="confirm-password"
                label="Confirm new password"
                type="password"
                autoComplete="new-password"
                value={values.confirmPassword}
                onChange={set('confirmPassword')}
                error={!!errors.confirmPassword}
                helperText={errors.confirmPassword ?? ' '}
                required
              />
              <Button type="submit" variant="contained" disabled={busy}>
                Change password
              </Button>
            </Stack>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
};
