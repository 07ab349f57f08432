import { Alert, Box, Button, CardContent, Link, Stack, TextField, Typography } from '@mui/material';
import { asFieldError, emailProblem, ERROR_CODES, requiredProblem } from '@privacy-desk/shared';
import { useState, type FormEvent } from 'react';
import { Login, useLogin } from 'react-admin';

import { errorCode } from '../api';
import type { LoginParams } from './authProvider';

type Step = 'password' | 'second-factor';
type Field = 'email' | 'password' | 'otp' | 'recoveryCode';

const sentence = (problem: string | undefined) => (problem ? asFieldError(problem) : undefined);

/**
 * Email and password; when the server answers `mfa_required`, a second step asks for the
 * 6-digit code from the authenticator app (or a recovery code) and signs in again with all.
 */
export const LoginForm = () => {
  const login = useLogin();
  const [step, setStep] = useState<Step>('password');
  const [useRecovery, setUseRecovery] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [submitting, setSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    // The same checks as every form of the console, under each field, before anything is sent.
    const problems: Partial<Record<Field, string>> =
      step === 'password'
        ? {
            email: sentence(requiredProblem(email) ?? emailProblem(email)),
            password: sentence(requiredProblem(password)),
          }
        : useRecovery
          ? { recoveryCode: sentence(requiredProblem(recoveryCode)) }
          : {
              otp: /^\d{6}$/.test(otp) ? undefined : 'Enter the 6 digits the app shows',
            };
    setFieldErrors(problems);
    if (Object.values(problems).some(Boolean)) return;
    setSubmitting(true);
    const params: LoginParams = { email: email.trim(), password };
    if (step === 'second-factor') {
      if (useRecovery) params.recoveryCode = recoveryCode.trim();
      else params.otp = otp.trim();
    }
    try {
      await login(params);
    } catch (caught) {
      if (errorCode(caught) === ERROR_CODES.mfaRequired && step === 'password') {
        setStep('second-factor');
      } else {
        setError(
          caught instanceof Error && caught.message
            ? caught.message
            : 'Sign-in failed. Check your details and try again.',
        );
      }
      setSubmitting(false);
    }
  };

  const startOver = () => {
    setStep('password');
    setOtp('');
    setRecoveryCode('');
    setUseRecovery(false);
    setError(null);
    setFieldErrors({});
  };

  return (
    <CardContent>
      <Box component="form" onSubmit={onSubmit} noValidate aria-label="Sign in">
        <Stack spacing={2}>
          <Typography component="h1" variant="h5" sx={{ textAlign: 'center' }}>
            Privacy Desk
          </Typography>
          {error ? (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          ) : null}
          {step === 'password' ? (
            <>
              <TextField
                id="login-email"
                label="Email"
                type="email"
                autoComplete="username"
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                error={Boolean(fieldErrors.email)}
                helperText={fieldErrors.email}
                required
                autoFocus
                fullWidth
              />
              <TextField
                id="login-password"
                label="Password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                error={Boolean(fieldErrors.password)}
                helperText={fieldErrors.password}
                required
                fullWidth
              />
            </>
          ) : (
            <>
              <Typography variant="body2">
                {useRecovery
                  ? 'Enter one of the recovery codes you saved when you turned on two-factor sign-in.'
                  : 'Enter the 6-digit code from your authenticator app.'}
              </Typography>
              {useRecovery ? (
                <TextField
                  id="login-recovery-code"
                  key="recovery"
                  label="Recovery code"
                  autoComplete="off"
                  value={recoveryCode}
                  onChange={(event) => setRecoveryCode(event.target.value)}
                  error={Boolean(fieldErrors.recoveryCode)}
                  helperText={fieldErrors.recoveryCode}
                  required
                  autoFocus
                  fullWidth
                />
              ) : (
                <TextField
                  id="login-otp"
                  key="otp"
                  label="6-digit code"
                  autoComplete="one-time-code"
                  value={otp}
                  onChange={(event) => setOtp(event.target.value.replace(/\D/g, '').slice(0, 6))}
                  error={Boolean(fieldErrors.otp)}
                  helperText={fieldErrors.otp}
                  required
                  autoFocus
                  fullWidth
                  slotProps={{
                    htmlInput: { inputMode: 'numeric', maxLength: 6 },
                  }}
                />
              )}
              <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
                <Link component="button" type="button" onClick={() => setUseRecovery(!useRecovery)}>
                  {useRecovery ? 'Use the authenticator code' : 'Use a recovery code'}
                </Link>
                <Link component="button" type="button" onClick={startOver}>
                  Start over
                </Link>
              </Stack>
            </>
          )}
          <Button type="submit" variant="contained" disabled={submitting} fullWidth>
            {submitting ? 'Signing in…' : 'Sign in'}
          </Button>
        </Stack>
      </Box>
    </CardContent>
  );
};

export const LoginPage = () => (
  <Login>
    <LoginForm />
  </Login>
);
