import { Alert, Box, Button, Divider, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useCanAccess, useGetIdentity, useNotify } from 'react-admin';

import { Section } from '../../../common/ShowSections';
import type { RequestRecord } from '../../../dataProvider';
import { describeRequestError } from '../../errors';
import { useCorrectionActions, useCorrectionWork } from './api';
import { DiffEditor } from './DiffEditor';
import { FollowUpChecklist } from './FollowUpChecklist';
import { LetterPreview } from './LetterPreview';
import { formatDeskDateTime } from '../../../common/desk-dates';

/**
 * Staff's work on a correction: the field diff and decisions, Apply (writes the accepted
 * values to the subject and lists the recipients to tell), the recipients checklist, and the
 * letter preview. Completing the request (the usual action) is refused until all are done.
 */
export const CorrectionWorkPanel = ({ record }: { record: RequestRecord }) => {
  const { data: work, error, isPending } = useCorrectionWork(String(record.id));
  const actions = useCorrectionActions(String(record.id));
  const { canAccess } = useCanAccess({ resource: 'requests', action: 'correct', record });
  const { identity } = useGetIdentity();
  const notify = useNotify();
  const [applying, setApplying] = useState(false);

  if (error)
    return (
      <Box sx={{ mb: 2 }}>
        <Alert severity="error">The correction could not be loaded.</Alert>
      </Box>
    );
  if (isPending || !work) return null;

  const workable =
    !!canAccess && record.status === 'in_progress' && record.assigneeId === identity?.id;
  const editable = workable && work.linked && !work.appliedAt;
  const undecided = work.fields.some((f) => f.decision === null);

  const apply = async () => {
    setApplying(true);
    try {
      await actions.apply(work.subjectVersion!);
      notify('Correction applied to the subject', { type: 'info' });
    } catch (e) {
      notify(describeRequestError(e, 'The correction was not applied'), { type: 'error' });
      void actions.reload();
    } finally {
      setApplying(false);
    }
  };

  return (
    <Box sx={{ mb: 2 }} data-testid="correction-panel">
      <Section title="Correction">
        <Stack spacing={2}>
          {!work.linked ? (
            <Alert severity="warning">
              Link this request to its subject first: the requested values are decided against the
              subject’s current values.
            </Alert>
          ) : null}
          {work.linked && !workable && !work.appliedAt ? (
            <Typography variant="body2" color="text.secondary">
              Claim the request to decide the fields.
            </Typography>
          ) : null}
          <DiffEditor
            key={`${work.version}-${work.subjectVersion}-${editable}`}
            work={work}
            editable={editable}
            onSave={(decisions, evidenceNotes) =>
              actions.decide({
                version: work.version,
                subjectVersion: work.subjectVersion!,
                decisions,
                evidenceNotes,
              })
            }
          />
          {work.appliedAt ? (
            <Alert severity="success" data-testid="correction-applied">
              Applied to the subject by {work.appliedBy?.name ?? 'staff'} on{' '}
              {formatDeskDateTime(work.appliedAt)}.
            </Alert>
          ) : editable ? (
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <Button
                variant="contained"
                onClick={apply}
                disabled={applying || undecided || work.version === 0}
              >
                {applying ? 'Applying…' : 'Apply to the subject'}
              </Button>
              <Typography variant="body2" color="text.secondary">
                {undecided || work.version === 0
                  ? 'Decide and save every field first.'
                  : 'Writes the accepted values to the subject, with their history.'}
              </Typography>
            </Stack>
          ) : null}
          {work.appliedAt ? (
            <>
              <Divider />
              <Typography variant="subtitle2">Recipients to tell (GDPR Art. 19)</Typography>
              <FollowUpChecklist
                followUps={work.followUps}
                editable={workable}
                onResolve={actions.resolveFollowUp}
              />
            </>
          ) : null}
          {work.blockers.length && record.status === 'in_progress' ? (
            <Alert severity="info" data-testid="correction-blockers">
              Before completing: {work.blockers.join('; ')}.
            </Alert>
          ) : null}
          <LetterPreview load={actions.letter} />
        </Stack>
      </Section>
    </Box>
  );
};
