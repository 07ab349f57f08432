import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormGroup,
  IconButton,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { PRODUCING_OUTCOMES, type LegalProcessOutcome } from '@privacy-desk/shared';
import { useId, useState, type FormEvent } from 'react';

import { describeError, takeAction, type ProductionInput } from './api';
import {
  categoryLabel,
  outcomeChoices,
  recipientTypeChoices,
  type LegalProcessRecord,
} from './presentation';

const localNow = () => {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
  return now.toISOString().slice(0, 16);
};

const emptyProduction = (record: LegalProcessRecord): ProductionInput => ({
  recipientName: record.issuingAuthority,
  recipientType: 'court',
  recipientAddress: '',
  subjectIds: (record.subjects ?? []).map((s) => s.id),
  dataCategories: [...record.dataCategories],
  disclosedAt: localNow(),
  purpose: '',
});

/**
 * The response step: the outcome and what was sent; a producing outcome lists each production
 * (recipient, subjects, categories, when, why), which the server records as disclosures.
 */
export const RespondDialog = ({
  record,
  onClose,
  onDone,
}: {
  record: LegalProcessRecord;
  onClose: () => void;
  onDone: () => void;
}) => {
  const titleId = useId();
  const [outcome, setOutcome] = useState<LegalProcessOutcome | ''>('');
  const [summary, setSummary] = useState('');
  const [productions, setProductions] = useState<ProductionInput[]>([emptyProduction(record)]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const producing = outcome !== '' && PRODUCING_OUTCOMES.includes(outcome);
  const choices = outcomeChoices.filter((c) => c.id !== 'rejected');

  const change = (index: number, patch: Partial<ProductionInput>) =>
    setProductions((all) => all.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!outcome || busy) return;
    setBusy(true);
    setError(null);
    try {
      await takeAction(record.id, 'respond', record.version, {
        outcome,
        responseSummary: summary,
        ...(producing
          ? {
              productions: productions.map((p) => ({
                ...p,
                recipientAddress: p.recipientAddress || null,
                disclosedAt: new Date(p.disclosedAt).toISOString(),
              })),
            }
          : {}),
      });
      onDone();
    } catch (failure) {
      setError(describeError(failure, 'The response was refused'));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>Respond to {record.reference}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            <TextField
              select
              label="Outcome"
              value={outcome}
              onChange={(e) => setOutcome(e.target.value as LegalProcessOutcome)}
              required
              slotProps={{ htmlInput: { 'data-testid': 'respond-outcome' } }}
            >
              {choices.map((c) => (
                <MenuItem key={c.id} value={c.id}>
                  {c.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label="What was decided and sent"
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
              multiline
              minRows={2}
              required
            />
            {producing
              ? productions.map((p, index) => (
                  <Box
                    key={index}
                    sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}
                    data-testid="production-row"
                  >
                    <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
                      <Typography variant="subtitle2" sx={{ flexGrow: 1 }}>
                        Production {index + 1} (becomes a disclosure record)
                      </Typography>
                      {productions.length > 1 ? (
                        <IconButton
                          aria-label={`Remove production ${index + 1}`}
                          onClick={() => setProductions((all) => all.filter((_, i) => i !== index))}
                        >
                          <DeleteIcon />
                        </IconButton>
                      ) : null}
                    </Stack>
                    <Stack spacing={2}>
                      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
                        <TextField
                          label="Recipient"
                          value={p.recipientName}
                          onChange={(e) => change(index, { recipientName: e.target.value })}
                          fullWidth
                          required
                        />
                        <TextField
                          select
                          label="Recipient type"
                          value={p.recipientType}
                          onChange={(e) => change(index, { recipientType: e.target.value })}
                          sx={{ minWidth: 200 }}
                        >
                          {recipientTypeChoices.map((c) => (
                            <MenuItem key={c.id} value={c.id}>
                              {c.name}
                            </MenuItem>
                          ))}
                        </TextField>
                      </Stack>
                      <TextField
                        label="Recipient address (if known)"
                        value={p.recipientAddress ?? ''}
                        onChange={(e) => change(index, { recipientAddress: e.target.value })}
                      />
                      <Typography variant="body2">Subjects whose data was produced</Typography>
                      <FormGroup row>
                        {(record.subjects ?? []).map((s) => (
                          <FormControlLabel
                            key={s.id}
                            label={`${s.name} <${s.email}>`}
                            control={
                              <Checkbox
                                checked={p.subjectIds.includes(s.id)}
                                onChange={() =>
                                  change(index, { subjectIds: toggle(p.subjectIds, s.id) })
                                }
                              />
                            }
                          />
                        ))}
                      </FormGroup>
                      <Typography variant="body2">Data produced</Typography>
                      <FormGroup row>
                        {record.dataCategories.map((c) => (
                          <FormControlLabel
                            key={c}
                            label={categoryLabel(c)}
                            control={
                              <Checkbox
                                checked={p.dataCategories.includes(c)}
                                onChange={() =>
                                  change(index, { dataCategories: toggle(p.dataCategories, c) })
                                }
                              />
                            }
                          />
                        ))}
                      </FormGroup>
                      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
                        <TextField
                          type="datetime-local"
                          label="Disclosed at"
                          value={p.disclosedAt}
                          onChange={(e) => change(index, { disclosedAt: e.target.value })}
                          slotProps={{ inputLabel: { shrink: true } }}
                        />
                        <TextField
                          label="Purpose"
                          value={p.purpose}
                          onChange={(e) => change(index, { purpose: e.target.value })}
                          fullWidth
                          required
                          slotProps={{
                            htmlInput: { 'data-testid': `production-purpose-${index}` },
                          }}
                        />
                      </Stack>
                    </Stack>
                  </Box>
                ))
              : null}
            {producing ? (
              <Button
                startIcon={<AddIcon />}
                onClick={() => setProductions((all) => [...all, emptyProduction(record)])}
                sx={{ alignSelf: 'flex-start' }}
              >
                Add a production
              </Button>
            ) : null}
            {error ? (
              <Alert severity="error" data-testid="dialog-error">
                {error}
              </Alert>
            ) : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={!outcome || !summary.trim() || busy}>
            {busy ? 'Working…' : 'Record the response'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
