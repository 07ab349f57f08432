import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CircularProgress,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { asFieldError, requiredProblem, roleRequiresMfa } from '@privacy-desk/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useAuthenticated, useLogout, useNotify } from 'react-admin';
import { Link as RouterLink, useNavigate } from 'react-router-dom';

import { apiFetch, fieldErrors } from '../api';
import { loadSession, requiredStep, useSession } from './session';

interface MfaSetup {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

type Stage =
  | { name: 'start' }
  | { name: 'scan'; setup: MfaSetup }
  | { name: 'codes'; recoveryCodes: string[] };

function messageOf(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
}

/** A page outside the layout: a session that must enrol can use nothing else. */
const Shell = ({ children, canLeave }: { children: ReactNode; canLeave: boolean }) => {
  const logout = useLogout();
  return (
    <Box
      component="main"
      sx={{ minHeight: '100vh', display: 'flex', justifyContent: 'center', bgcolor: 'grey.100' }}
    >
      <Card sx={{ maxWidth: 560, width: '100%', mt: 8, mb: 4, alignSelf: 'flex-start' }}>
        <CardContent>
          <Stack spacing={2}>
            <Typography component="h1" variant="h5">
              Two-factor sign-in
            </Typography>
            {children}
            <Stack direction="row" spacing={2} sx={{ justifyContent: 'flex-end' }}>
              {canLeave ? (
                <Button component={RouterLink} to="/">
                  Back to the console
                </Button>
              ) : null}
              <Button color="inherit" onClick={() => logout()}>
                Sign out
              </Button>
            </Stack>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
};

export const MfaEnrolPage = () => {
  useAuthenticated();
  const session = useSession();
  const navigate = useNavigate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [stage, setStage] = useState<Stage>({ name: 'start' });
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!session) {
    return (
      <Shell canLeave={false}>
        <CircularProgress aria-label="Loading" />
      </Shell>
    );
  }

  const required = roleRequiresMfa(session.user.role);
  const mustEnrol = session.mfaEnrolmentRequired;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      const errors = fieldErrors(caught);
      setError(errors ? Object.values(errors).join(' ') : messageOf(caught, 'That did not work.'));
    } finally {
      setBusy(false);
    }
  };

  const startSetup = () =>
    run(async () => {
      const setup = await apiFetch<MfaSetup>('/auth/mfa/setup', { method: 'POST' });
      setCode('');
      setStage({ name: 'scan', setup });
    });

  const enable = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    return run(async () => {
      const { recoveryCodes } = await apiFetch<{ recoveryCodes: string[] }>('/auth/mfa/enable', {
        method: 'POST',
        body: { code: code.trim() },
      });
      setStage({ name: 'codes', recoveryCodes });
    });
  };

  const finish = () =>
    run(async () => {
      const fresh = await loadSession(true);
      await queryClient.invalidateQueries({ queryKey: ['auth'] });
      if (!fresh) {
        navigate('/login');
        return;
      }
      notify('Two-factor sign-in is on', { type: 'success' });
      navigate(requiredStep(fresh) ?? '/');
    });

  const disable = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing = requiredProblem(password);
    setPasswordError(missing ? asFieldError(missing) : undefined);
    if (missing) return;
    return run(async () => {
      await apiFetch('/auth/mfa/disable', { method: 'POST', body: { password } });
      setPassword('');
      await loadSession(true);
      await queryClient.invalidateQueries({ queryKey: ['auth'] });
      notify('Two-factor sign-in is off', { type: 'info' });
      setStage({ name: 'start' });
    });
  };

  const errorBanner = error ? (
    <Alert severity="error" role="alert">
      {error}
    </Alert>
  ) : null;

  if (stage.name === 'codes') {
    return (
      <Shell canLeave={false}>
        <Alert severity="warning">
          Save these recovery codes somewhere safe. Each one signs you in once if you lose your
          authenticator. They will not be shown again.
        </Alert>
        <Box
          component="ol"
          aria-label="Recovery codes"
          sx={{ fontFamily: 'monospace', fontSize: '1.1rem', columns: 2, m: 0 }}
        >
          {stage.recoveryCodes.map((recoveryCode) => (
            <li key={recoveryCode}>{recoveryCode}</li>
          ))}
        </Box>
        {errorBanner}
        <Button variant="contained" onClick={finish} disabled={busy}>
          I have saved these codes
        </Button>
      </Shell>
    );
  }

  if (session.user.mfaEnabled && stage.name === 'start') {
    return (
      <Shell canLeave={!requiredStep(session)}>
        <Alert severity="success">Two-factor sign-in is on for your account.</Alert>
        {required ? (
          <Typography variant="body2">
            Your role requires two-factor sign-in, so it cannot be turned off.
          </Typography>
        ) : (
          <Box
            component="form"
            onSubmit={disable}
            noValidate
            aria-label="Turn off two-factor sign-in"
          >
            <Stack spacing={2}>
              <Typography variant="body2">To turn it off, confirm with your password.</Typography>
              <TextField
                id="mfa-disable-password"
                label="Password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => {
                  setPassword(event.target.value);
                  setPasswordError(undefined);
                }}
                required
                error={Boolean(passwordError)}
                helperText={passwordError ?? ' '}
              />
              {errorBanner}
              <Button type="submit" variant="outlined" color="warning" disabled={busy}>
                Turn off
              </Button>
            </Stack>
          </Box>
        )}
      </Shell>
    );
  }

  if (stage.name === 'scan') {
    const { setup } = stage;
    return (
      <Shell canLeave={!mustEnrol}>
        <Typography variant="body2">
          Scan this QR code with your authenticator app, or type the secret in by hand. Then enter
          the 6-digit code the app shows.
        </Typography>
        <Box sx={{ display: 'flex', justifyContent: 'center' }}>
          <img
            src={setup.qrCodeDataUrl}
            alt="QR code for your authenticator app"
            width={200}
            height={200}
          />
        </Box>
        <Typography variant="body2">
          Secret:{' '}
          <Box component="code" data-testid="mfa-secret" sx={{ wordBreak: 'break-all' }}>
            {setup.secret}
          </Box>
        </Typography>
        <Box component="form" onSubmit={enable} noValidate aria-label="Confirm two-factor sign-in">
          <Stack spacing={2}>
            <TextField
              id="mfa-code"
              label="6-digit code"
              autoComplete="one-time-code"
              value={code}
              onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
              required
              autoFocus
              slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 6 } }}
            />
            {errorBanner}
            <Button type="submit" variant="contained" disabled={busy || code.length !== 6}>
              Turn on
            </Button>
          </Stack>
        </Box>
      </Shell>
    );
  }

  return (
    <Shell canLeave={!mustEnrol}>
      {mustEnrol ? (
        <Alert severity="info">
          Your role requires two-factor sign-in. Set it up before you continue.
        </Alert>
      ) : (
        <Typography variant="body2">
          Two-factor sign-in asks for a code from an authenticator app each time you sign in.
        </Typography>
      )}
      {errorBanner}
      <Button variant="contained" onClick={startSetup} disabled={busy}>
        Set up two-factor sign-in
      </Button>
    </Shell>
  );
};
