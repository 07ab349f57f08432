import {
  Button,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { CORRECTION_DECISION_LABELS, CORRECTION_DECISIONS } from '@privacy-desk/shared';
import type { CorrectionDecision, CorrectionWorkDto } from '@privacy-desk/shared';
import { useState } from 'react';
import { useNotify } from 'react-admin';

import { fieldErrors } from '../../../api';
import { correctableFieldLabel } from '../../presentation';
import { describeRequestError } from '../../errors';
import type { DecisionInput } from './api';

interface Draft {
  decision: CorrectionDecision | '';
  value: string;
  reason: string;
}

const draftsOf = (work: CorrectionWorkDto): Record<string, Draft> =>
  Object.fromEntries(
    work.fields.map((f) => [
      f.field,
      {
        decision: f.decision ?? '',
        value: f.decision === 'accept_edited' ? (f.value ?? '') : f.requestedValue,
        reason: f.reason ?? '',
      },
    ]),
  );

/**
 * Each requested field beside the subject's current value, with staff's decision: accept as
 * requested, accept with an edited value, or decline with a reason; and the evidence notes.
 */
export const DiffEditor = ({
  work,
  editable,
  onSave,
}: {
  work: CorrectionWorkDto;
  editable: boolean;
  onSave: (decisions: DecisionInput[], evidenceNotes: string | null) => Promise<unknown>;
}) => {
  const notify = useNotify();
  const [drafts, setDrafts] = useState(() => draftsOf(work));
  const [notes, setNotes] = useState(work.evidenceNotes ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (field: string, patch: Partial<Draft>) =>
    setDrafts((all) => ({ ...all, [field]: { ...all[field], ...patch } }));

  const save = async () => {
    const decided = work.fields.filter((f) => drafts[f.field]?.decision);
    const decisions: DecisionInput[] = decided.map((f) => {
      const d = drafts[f.field];
      const decision = d.decision as CorrectionDecision;
      return {
        field: f.field,
        decision,
        ...(decision === 'accept_edited' ? { value: d.value } : {}),
        ...(d.reason.trim() ? { reason: d.reason.trim() } : {}),
      };
    });
    setBusy(true);
    setErrors({});
    try {
      await onSave(decisions, notes.trim() || null);
      notify('Decisions saved', { type: 'info' });
    } catch (error) {
      const fields = fieldErrors(error) ?? {};
      // decisions.N.x → the field's row.
      const mapped: Record<string, string> = {};
      for (const [k, message] of Object.entries(fields)) {
        const match = /^decisions\.(\d+)\.(\w+)$/.exec(k);
        if (match) mapped[`${decided[Number(match[1])]?.field}.${match[2]}`] = message;
      }
      setErrors(mapped);
      notify(describeRequestError(error, 'The decisions were not saved'), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={2}>
      <Table size="small" aria-label="Correction decisions" data-testid="correction-diff">
        <TableHead>
          <TableRow>
            <TableCell>Field</TableCell>
            <TableCell>Current value</TableCell>
            <TableCell>Requested value</TableCell>
            <TableCell sx={{ minWidth: 200 }}>Decision</TableCell>
            <TableCell sx={{ minWidth: 220 }}>Value / reason</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {work.fields.map((f) => {
            const d = drafts[f.field];
            const label = correctableFieldLabel(f.field);
            return (
              <TableRow key={f.field} data-testid={`correction-row-${f.field}`}>
                <TableCell>{label}</TableCell>
                <TableCell data-testid="current-value">{f.currentValue ?? '—'}</TableCell>
                <TableCell sx={{ fontWeight: 600 }}>{f.requestedValue}</TableCell>
                <TableCell>
                  <TextField
                    select
                    size="small"
                    fullWidth
                    label={`Decision on ${label}`}
                    value={d.decision}
                    disabled={!editable || busy}
                    onChange={(e) =>
                      set(f.field, { decision: e.target.value as CorrectionDecision })
                    }
                    slotProps={{ htmlInput: { 'data-testid': `decision-${f.field}` } }}
                  >
                    {CORRECTION_DECISIONS.map((choice) => (
                      <MenuItem key={choice} value={choice}>
                        {CORRECTION_DECISION_LABELS[choice]}
                      </MenuItem>
                    ))}
                  </TextField>
                </TableCell>
                <TableCell>
                  <Stack spacing={1}>
                    {d.decision === 'accept_edited' ? (
                      <TextField
                        size="small"
                        label={`Edited ${label.toLowerCase()}`}
                        value={d.value}
                        disabled={!editable || busy}
                        error={!!errors[`${f.field}.value`]}
                        helperText={errors[`${f.field}.value`]}
                        onChange={(e) => set(f.field, { value: e.target.value })}
                      />
                    ) : d.decision === 'accept' && errors[`${f.field}.value`] ? (
                      <Typography variant="caption" color="error">
                        {errors[`${f.field}.value`]}
                      </Typography>
                    ) : null}
                    {d.decision === 'decline' || d.decision === 'accept_edited' ? (
                      <TextField
                        size="small"
                        label={
                          d.decision === 'decline'
                            ? `Why ${label.toLowerCase()} is declined`
                            : 'Why edited (optional)'
                        }
                        value={d.reason}
                        required={d.decision === 'decline'}
                        disabled={!editable || busy}
                        error={!!errors[`${f.field}.reason`]}
                        helperText={errors[`${f.field}.reason`]}
                        onChange={(e) => set(f.field, { reason: e.target.value })}
                      />
                    ) : null}
                    {!editable && f.decision ? (
                      <Typography variant="body2" data-testid={`decided-${f.field}`}>
                        {f.decision === 'decline' ? f.reason : f.value}
                      </Typography>
                    ) : null}
                  </Stack>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <TextField
        label="Evidence notes"
        helperText="What the decisions rest on (documents seen, calls made). Staff only."
        multiline
        minRows={2}
        value={notes}
        disabled={!editable || busy}
        onChange={(e) => setNotes(e.target.value)}
      />
      {editable ? (
        <div>
          <Button variant="outlined" onClick={save} disabled={busy}>
            {busy ? 'Saving…' : 'Save decisions'}
          </Button>
        </div>
      ) : null}
    </Stack>
  );
};
