import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  Stack,
  Typography,
} from '@mui/material';
import { CSRF_HEADER } from '@privacy-desk/shared';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { Title } from 'react-admin';

import { API_URL } from '../api';
import { getCsrfToken } from '../auth/session';
import { scopeChoices } from './presentation';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; loaded: number; total: number }
  | { kind: 'matching' }
  | { kind: 'done'; url: string; rowsIn: string | null; rowsOut: number }
  | { kind: 'failed'; message: string };

const contentTypeOf = (file: File) =>
  /\.(ndjson|jsonl)$/i.test(file.name) ? 'application/x-ndjson' : 'text/csv';

/**
 * Uploads a mailing list (CSV with an `email` or `sha256` column, or NDJSON) to the scrub,
 * with an upload progress bar, and offers the suppressed rows as a CSV download.
 */
export const ScrubPage = () => {
  const [file, setFile] = useState<File | null>(null);
  const [scope, setScope] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const xhrRef = useRef<XMLHttpRequest | null>(null);

  // Leaving the page stops an upload still running.
  useEffect(() => () => xhrRef.current?.abort(), []);
  // A result's download link is released when the next scrub starts or the page closes.
  const doneUrl = phase.kind === 'done' ? phase.url : null;
  useEffect(
    () => () => {
      if (doneUrl) URL.revokeObjectURL(doneUrl);
    },
    [doneUrl],
  );

  const start = () => {
    if (!file) return;
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    xhr.open('POST', `${API_URL}/suppressions/scrub${scope ? `?scope=${scope}` : ''}`);
    xhr.setRequestHeader('Content-Type', contentTypeOf(file));
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.responseType = 'blob';
    xhr.upload.onprogress = (event) =>
      setPhase({ kind: 'uploading', loaded: event.loaded, total: event.total || file.size });
    xhr.upload.onload = () => setPhase({ kind: 'matching' });
    xhr.onerror = () => setPhase({ kind: 'failed', message: 'The upload failed; try again.' });
    xhr.onload = async () => {
      const blob = xhr.response as Blob;
      if (xhr.status !== 200) {
        let message = `The scrub failed (${xhr.status}).`;
        try {
          const body = JSON.parse(await blob.text()) as {
            message?: string;
            errors?: Record<string, string>;
          };
          message = Object.values(body.errors ?? {})[0] ?? body.message ?? message;
        } catch {
          // Not JSON: keep the status line.
        }
        setPhase({ kind: 'failed', message });
        return;
      }
      const text = await blob.text();
      const rowsOut = Math.max(0, text.split('\n').filter((l) => l !== '').length - 1);
      setPhase({
        kind: 'done',
        url: URL.createObjectURL(blob),
        rowsIn: xhr.getResponseHeader('X-Scrub-Rows-In'),
        rowsOut,
      });
    };
    setPhase({ kind: 'uploading', loaded: 0, total: file.size });
    xhr.send(file);
  };

  const busy = phase.kind === 'uploading' || phase.kind === 'matching';
  const percent =
    phase.kind === 'uploading' && phase.total > 0
      ? Math.round((phase.loaded / phase.total) * 100)
      : 0;

  return (
    <Card sx={{ mt: 2, maxWidth: 720 }}>
      <Title title="Scrub a mailing list" />
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="body1">
            Upload a CSV with an <code>email</code> column (or a <code>sha256</code> column of
            hashed, lower-cased emails), or NDJSON lines. The result lists the rows on the
            suppression list: remove them before contacting anyone or sharing with partners.
          </Typography>
          <Box>
            <Button variant="outlined" component="label" disabled={busy}>
              Choose file
              <input
                hidden
                type="file"
                accept=".csv,.ndjson,.jsonl,text/csv"
                aria-label="Mailing list file"
                onChange={(e: ChangeEvent<HTMLInputElement>) => {
                  setFile(e.target.files?.[0] ?? null);
                  setPhase({ kind: 'idle' });
                }}
              />
            </Button>
            <Typography component="span" sx={{ ml: 2 }}>
              {file ? `${file.name} (${Math.ceil(file.size / 1024)} KB)` : 'No file chosen'}
            </Typography>
          </Box>
          <Box>
            <label htmlFor="scrub-scope">Scope: </label>
            <select
              id="scrub-scope"
              value={scope}
              disabled={busy}
              onChange={(e) => setScope(e.target.value)}
            >
              <option value="">Any scope</option>
              {scopeChoices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Box>
          <Box>
            <Button variant="contained" onClick={start} disabled={!file || busy}>
              Scrub
            </Button>
          </Box>
          {phase.kind === 'uploading' ? (
            <Box>
              <LinearProgress variant="determinate" value={percent} aria-label="Upload progress" />
              <Typography variant="body2">Uploading… {percent}%</Typography>
            </Box>
          ) : null}
          {phase.kind === 'matching' ? (
            <Box>
              <LinearProgress aria-label="Matching" />
              <Typography variant="body2">Uploaded; matching against the list…</Typography>
            </Box>
          ) : null}
          {phase.kind === 'failed' ? <Alert severity="error">{phase.message}</Alert> : null}
          {phase.kind === 'done' ? (
            <Alert severity="success">
              {phase.rowsIn ?? '?'} rows checked; {phase.rowsOut} suppressed.{' '}
              <a href={phase.url} download="suppressed.csv">
                Download the suppressed rows
              </a>
            </Alert>
          ) : null}
        </Stack>
      </CardContent>
    </Card>
  );
};
