import { Button, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useCanAccess, useNotify, useRecordContext, useRefresh } from 'react-admin';

import { useAppDataProvider, type RequestRecord } from '../dataProvider';
import { describeRequestError } from './errors';

/** POST /api/requests/:id/notes: an internal note on the timeline, never emailed. */
export const NoteBox = () => {
  const record = useRecordContext<RequestRecord>();
  const { canAccess } = useCanAccess({ resource: 'requests', action: 'note', record });
  const dataProvider = useAppDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);

  if (!record || !canAccess) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = body.trim();
    if (!text) return;
    setBusy(true);
    try {
      await dataProvider.addRequestNote(record.id, text);
      setBody('');
      notify('Note added', { type: 'info' });
      refresh();
    } catch (error) {
      notify(describeRequestError(error, 'The note was not added'), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack component="form" onSubmit={submit} spacing={1} sx={{ mb: 2 }} noValidate>
      <TextField
        label="Add internal note"
        helperText="Seen by staff only; never sent to the requester."
        multiline
        minRows={2}
        fullWidth
        value={body}
        onChange={(event) => setBody(event.target.value)}
        disabled={busy}
      />
      <div>
        <Button type="submit" variant="outlined" size="small" disabled={busy || !body.trim()}>
          {busy ? 'Adding…' : 'Add note'}
        </Button>
      </div>
    </Stack>
  );
};
