import {
  Button,
  Chip,
  List,
  ListItem,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import {
  DATA_CATEGORY_LABELS,
  FOLLOW_UP_EXEMPTION_LABELS,
  FOLLOW_UP_EXEMPTIONS,
  FOLLOW_UP_STATUS_LABELS,
} from '@privacy-desk/shared';
import type { CorrectionFollowUpDto, FollowUpExemption } from '@privacy-desk/shared';
import { useState } from 'react';
import { useNotify } from 'react-admin';

import { describeRequestError } from '../../errors';
import type { FollowUpInput } from './api';

const today = () => {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** One recipient to tell: mark notified (how and when) or exempt (why). */
const FollowUpItem = ({
  followUp,
  editable,
  onResolve,
}: {
  followUp: CorrectionFollowUpDto;
  editable: boolean;
  onResolve: (id: string, body: FollowUpInput) => Promise<unknown>;
}) => {
  const notify = useNotify();
  const [mode, setMode] = useState<'notified' | 'exempt' | null>(null);
  const [method, setMethod] = useState('');
  const [notifiedOn, setNotifiedOn] = useState(today);
  const [exemption, setExemption] = useState<FollowUpExemption | ''>('');
  const [explanation, setExplanation] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    try {
      await onResolve(
        followUp.id,
        mode === 'notified'
          ? { version: followUp.version, outcome: 'notified', method, notifiedOn }
          : { version: followUp.version, outcome: 'exempt', exemption, explanation },
      );
      notify(mode === 'notified' ? 'Recipient marked notified' : 'Recipient marked exempt', {
        type: 'info',
      });
    } catch (error) {
      notify(describeRequestError(error, 'The recipient was not updated'), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const fields = followUp.fields.map((f) => DATA_CATEGORY_LABELS[f]).join(', ');
  return (
    <ListItem
      divider
      data-testid={`follow-up-${followUp.recipientName}`}
      data-status={followUp.status}
      sx={{ display: 'block' }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {followUp.recipientName}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {followUp.disclosureReference} · received {fields}
        </Typography>
        <Chip
          size="small"
          label={FOLLOW_UP_STATUS_LABELS[followUp.status]}
          color={followUp.status === 'open' ? 'warning' : 'success'}
        />
      </Stack>
      {followUp.status === 'notified' ? (
        <Typography variant="body2">
          Told on {followUp.notifiedOn} ({followUp.method}) by {followUp.resolvedBy?.name}
        </Typography>
      ) : null}
      {followUp.status === 'exempt' && followUp.exemption ? (
        <Typography variant="body2">
          {FOLLOW_UP_EXEMPTION_LABELS[followUp.exemption]}: {followUp.explanation}
        </Typography>
      ) : null}
      {followUp.status === 'open' && editable ? (
        mode === null ? (
          <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
            <Button size="small" variant="outlined" onClick={() => setMode('notified')}>
              Mark notified
            </Button>
            <Button size="small" onClick={() => setMode('exempt')}>
              Exempt
            </Button>
          </Stack>
        ) : (
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={1} sx={{ mt: 1 }}>
            {mode === 'notified' ? (
              <>
                <TextField
                  size="small"
                  label="How the recipient was told"
                  value={method}
                  onChange={(e) => setMethod(e.target.value)}
                  required
                />
                <TextField
                  size="small"
                  type="date"
                  label="When"
                  value={notifiedOn}
                  onChange={(e) => setNotifiedOn(e.target.value)}
                  slotProps={{ inputLabel: { shrink: true } }}
                  required
                />
              </>
            ) : (
              <>
                <TextField
                  select
                  size="small"
                  label="Exempt because"
                  value={exemption}
                  onChange={(e) => setExemption(e.target.value as FollowUpExemption)}
                  sx={{ minWidth: 260 }}
                  required
                >
                  {FOLLOW_UP_EXEMPTIONS.map((x) => (
                    <MenuItem key={x} value={x}>
                      {FOLLOW_UP_EXEMPTION_LABELS[x]}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  size="small"
                  label="Explanation"
                  value={explanation}
                  onChange={(e) => setExplanation(e.target.value)}
                  required
                />
              </>
            )}
            <Button size="small" variant="contained" onClick={submit} disabled={busy}>
              Save
            </Button>
            <Button size="small" onClick={() => setMode(null)} disabled={busy}>
              Cancel
            </Button>
          </Stack>
        )
      ) : null}
    </ListItem>
  );
};

/** The recipients of approved disclosures who received a corrected field (GDPR Art. 19). */
export const FollowUpChecklist = ({
  followUps,
  editable,
  onResolve,
}: {
  followUps: CorrectionFollowUpDto[];
  editable: boolean;
  onResolve: (id: string, body: FollowUpInput) => Promise<unknown>;
}) =>
  followUps.length === 0 ? (
    <Typography variant="body2" color="text.secondary">
      No approved disclosure carried a corrected field: there is nobody to tell.
    </Typography>
  ) : (
    <List dense aria-label="Recipients to notify" data-testid="correction-follow-ups">
      {followUps.map((f) => (
        <FollowUpItem key={f.id} followUp={f} editable={editable} onResolve={onResolve} />
      ))}
    </List>
  );
