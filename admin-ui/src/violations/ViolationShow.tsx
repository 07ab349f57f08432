import { Box, Grid, Link, Stack, Typography } from '@mui/material';
import {
  EditButton,
  ListButton,
  ShowBase,
  Title,
  TopToolbar,
  useCanAccess,
  useShowContext,
} from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { Fact, Section } from '../common/ShowSections';

import { DocumentsPanel } from '../documents/DocumentsPanel';
import { appealStatusLabel, categoryLabel, enforcementLabel, sourceLabel } from './presentation';
import { ViolationActionButtons } from './ViolationActionButtons';
import { SeverityChip, ViolationStatusChip, type ViolationRecord } from './ViolationChips';
import { formatDeskDateTime } from '../common/desk-dates';

/** Editing is offered while the flag is open or under review, to those who may flag. */
const ViolationToolbar = () => {
  const { record } = useShowContext<ViolationRecord>();
  const { canAccess } = useCanAccess({ resource: 'violations', action: 'edit' });
  const editable = record && (record.status === 'open' || record.status === 'under_review');
  return (
    <TopToolbar>
      <ListButton label="All flags" />
      {canAccess && editable ? <EditButton /> : null}
    </TopToolbar>
  );
};

const ViolationDetails = () => {
  const { record } = useShowContext<ViolationRecord>();
  const { canAccess: canUpload } = useCanAccess({ resource: 'violations', action: 'edit' });
  if (!record) return null;
  return (
    <Box sx={{ p: 2 }}>
      <Title title={`${record.reference} · Violation flag`} />
      <Stack direction="row" spacing={2} sx={{ mb: 2, flexWrap: 'wrap', alignItems: 'center' }}>
        <Typography variant="h5" component="h1">
          {record.reference}
        </Typography>
        <ViolationStatusChip record={record} />
        <SeverityChip record={record} />
        <Box sx={{ flexGrow: 1 }} />
        <ViolationActionButtons />
      </Stack>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="The flag">
            <Fact label="Subject">
              <Link component={RouterLink} to={`/subjects/${record.subject.id}/show`}>
                {record.subject.name}
              </Link>
            </Fact>
            <Fact label="Category">{categoryLabel(record.category)}</Fact>
            <Fact label="Source">{sourceLabel(record.source)}</Fact>
            <Fact label="Terms clause">{record.termsClause}</Fact>
            <Fact label="Description">{record.description}</Fact>
            <Fact label="Flagged by">
              {record.flaggedBy.name}, {formatDeskDateTime(record.createdAt)}
            </Fact>
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="Evidence">
            <Fact label="Notes">{record.evidenceText ?? '—'}</Fact>
            <Fact label="Links">
              {record.evidenceLinks.length === 0
                ? '—'
                : record.evidenceLinks.map((link) => (
                    <div key={link}>
                      <Link href={link} target="_blank" rel="noopener noreferrer">
                        {link}
                      </Link>
                    </div>
                  ))}
            </Fact>
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="Decision">
            {record.decidedBy ? (
              <>
                <Fact label="Decided by" testId="violation-decided-by">
                  {record.decidedBy.name}, {formatDeskDateTime(record.decidedAt)}
                </Fact>
                <Fact label="Reason">{record.decisionReason}</Fact>
                <Fact label="Enforcement" testId="violation-enforcement">
                  {enforcementLabel(record.enforcementAction)}
                </Fact>
              </>
            ) : (
              <Typography variant="body2" color="text.secondary">
                Not decided yet.
              </Typography>
            )}
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="Appeal">
            {record.appealStatus ? (
              <>
                <Fact label="Status" testId="violation-appeal-status">
                  {appealStatusLabel(record.appealStatus)}
                </Fact>
                <Fact label="Grounds">{record.appealReason}</Fact>
                <Fact label="Appealed">{formatDeskDateTime(record.appealedAt)}</Fact>
                {record.appealDecidedBy ? (
                  <>
                    <Fact label="Decided by">
                      {record.appealDecidedBy.name}, {formatDeskDateTime(record.appealDecidedAt)}
                    </Fact>
                    <Fact label="Reason">{record.appealDecisionReason}</Fact>
                  </>
                ) : null}
              </>
            ) : (
              <Typography variant="body2" color="text.secondary">
                {record.status === 'confirmed'
                  ? 'Not appealed. A confirmed flag can be appealed once.'
                  : 'No appeal.'}
              </Typography>
            )}
          </Section>
        </Grid>
        <Grid size={{ xs: 12 }}>
          <DocumentsPanel
            ownerType="violation"
            ownerId={String(record.id)}
            canUpload={canUpload === true}
          />
        </Grid>
      </Grid>
    </Box>
  );
};

export const ViolationShow = () => (
  <ShowBase>
    <>
      <ViolationToolbar />
      <ViolationDetails />
    </>
  </ShowBase>
);
