import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import EventIcon from '@mui/icons-material/Event';
import { Box, Button, Stack, Typography } from '@mui/material';
import { asFieldError, dateOfBirthProblem } from '@privacy-desk/shared';
import { useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';

import { ConfirmedActionButton } from '../../common/ConfirmedActionButton';
import { deskToday } from '../../common/desk-dates';
import { Section } from '../../common/ShowSections';
import { useAppDataProvider, type RequestRecord } from '../../dataProvider';
import { describeRequestError, isStaleAnswer } from '../errors';
import { FieldDialog } from '../FieldDialog';
import type { KindUi } from './kind-ui';

/**
 * Staff settle a minor review with one of two actions, each of which completes the request:
 * confirm the age and erase the subject's personal data, or correct the date of birth.
 */
const MinorReviewPanel = ({ record }: { record: RequestRecord }) => {
  const dataProvider = useAppDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [dobOpen, setDobOpen] = useState(false);
  // Offered to whoever may complete it now (the holder of the claim); the outcome shows once done.
  if (!record.allowedActions?.includes('complete') || !record.subjectId) return null;

  const erase = async () => {
    try {
      await dataProvider.eraseMinor(record.id, record.version);
    } catch (error) {
      throw new Error(describeRequestError(error, 'The data was not erased'), { cause: error });
    }
  };

  const correct = async (dateOfBirth: string) => {
    try {
      await dataProvider.correctMinorDateOfBirth(record.id, record.version, dateOfBirth);
      notify('Date of birth corrected; the review is complete', { type: 'info' });
      setDobOpen(false);
      refresh();
    } catch (error) {
      if (isStaleAnswer(error)) refresh();
      throw new Error(describeRequestError(error, 'The date of birth was not corrected'), {
        cause: error,
      });
    }
  };

  return (
    <Box sx={{ mb: 2 }}>
      <Section title="Minor review">
        <Stack spacing={1} sx={{ alignItems: 'flex-start' }} data-testid="minor-review-panel">
          <Typography variant="body2">
            The policy takes no data from anyone under 18. Confirm the age and erase the subject’s
            personal data, or correct a wrong date of birth. Either completes this review.
          </Typography>
          <Stack direction="row" spacing={1}>
            <ConfirmedActionButton
              label="Confirm age and erase data"
              icon={<DeleteForeverIcon />}
              color="error"
              title="Erase this minor’s personal data?"
              content="Every field of the subject is blanked and their change history removed. The requests and disclosures that name them stay, shown as “Erased minor”. This cannot be undone."
              run={erase}
              success="Personal data erased; the review is complete"
              failure="The data was not erased"
            />
            <Button
              size="small"
              variant="outlined"
              startIcon={<EventIcon />}
              onClick={() => setDobOpen(true)}
            >
              Correct date of birth
            </Button>
          </Stack>
          <FieldDialog
            open={dobOpen}
            title="Correct the date of birth"
            input="text"
            fieldLabel="Date of birth (YYYY-MM-DD)"
            help="The true date, which must make the subject 18 or older. It is recorded in the subject’s history with this request’s reference."
            confirm="Correct"
            check={(value) => {
              const problem = dateOfBirthProblem(value, deskToday());
              return problem ? asFieldError(problem) : undefined;
            }}
            onSubmit={correct}
            onClose={() => setDobOpen(false)}
          />
        </Stack>
      </Section>
    </Box>
  );
};

export const minorReviewUi: KindUi = {
  kind: 'minor_review',
  PayloadView: () => (
    <Typography variant="body2">
      Review of a subject recorded as a minor; nothing further was asked.
    </Typography>
  ),
  WorkPanel: MinorReviewPanel,
  payloadFor: () => ({}),
};

export default minorReviewUi;
