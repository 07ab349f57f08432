import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useId, useState, type FormEvent } from 'react';

import { AssigneeSelect } from './AssigneeSelect';

export interface FieldDialogProps {
  open: boolean;
  title: string;
  /** What the dialog asks for: free text, an assignee, or nothing (a confirmation). */
  input: 'text' | 'assignee' | 'none';
  fieldLabel?: string;
  help?: string;
  confirm: string;
  /** A list to choose from beside the text (the denial reason of a rejection). */
  choice?: { label: string; options: readonly { value: string; label: string }[]; initial: string };
  /** The rule the value must meet before it is sent: the words to show under the field, if not. */
  check?: (value: string) => string | undefined;
  /** Resolves when done (the dialog closes); rejects with the message to show in it. */
  onSubmit: (value: string, choice?: string) => Promise<void>;
  onClose: () => void;
}

/**
 * A small dialog asking for the one thing an action needs (a reason, a message, a resolution,
 * an assignee). A refusal from the server is shown inside it, so nothing typed is lost.
 */
export const FieldDialog = (props: FieldDialogProps) => {
  // Remount on each opening: the value and error start afresh.
  if (!props.open) return null;
  return <FieldDialogBody {...props} />;
};

const FieldDialogBody = ({
  open,
  title,
  input,
  fieldLabel,
  help,
  confirm,
  choice,
  check,
  onSubmit,
  onClose,
}: FieldDialogProps) => {
  const titleId = useId();
  const [value, setValue] = useState('');
  const [chosen, setChosen] = useState(choice?.initial ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const missing = input !== 'none' && value.trim() === '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (missing || busy) return;
    const refused = check?.(value.trim());
    setProblem(refused);
    if (refused) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(input === 'text' ? value.trim() : value, choice ? chosen : undefined);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {help ? <DialogContentText sx={{ mb: 2 }}>{help}</DialogContentText> : null}
          {choice ? (
            <TextField
              select
              fullWidth
              label={choice.label}
              value={chosen}
              onChange={(event) => setChosen(event.target.value)}
              disabled={busy}
              sx={{ mt: 1 }}
              slotProps={{ select: { native: true } }}
            >
              {choice.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </TextField>
          ) : null}
          {input === 'text' ? (
            <TextField
              autoFocus
              fullWidth
              multiline
              minRows={3}
              label={fieldLabel}
              value={value}
              onChange={(event) => {
                setValue(event.target.value);
                setProblem(undefined);
              }}
              disabled={busy}
              required
              error={Boolean(problem)}
              helperText={problem}
              sx={{ mt: 1 }}
            />
          ) : null}
          {input === 'assignee' ? (
            <AssigneeSelect value={value} onChange={setValue} disabled={busy} />
          ) : null}
          {error ? (
            <Alert severity="error" sx={{ mt: 2 }} data-testid="dialog-error">
              {error}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={missing || busy}>
            {busy ? 'Working…' : confirm}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
