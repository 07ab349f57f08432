import EditIcon from '@mui/icons-material/Edit';
import { Alert, Chip, Stack, Typography } from '@mui/material';
import {
  CreateButton,
  EditButton,
  Labeled,
  Link,
  ListButton,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useCanAccess,
  useRecordContext,
} from 'react-admin';

import { DocumentsPanel } from '../documents/DocumentsPanel';
import { ReviewActions } from './ReviewActions';
import {
  basisLabel,
  categoriesLabel,
  dayOf,
  recipientTypeLabel,
  reviewStatusLabel,
  type DisclosureRecord,
} from './presentation';
import { SectionCard } from '../common/SectionCard';

/** The form prefilled from an approved record, to correct it by an amending record. */
const AmendButton = () => {
  const record = useRecordContext<DisclosureRecord>();
  const { canAccess } = useCanAccess({ resource: 'disclosures', action: 'amend' });
  if (!record || !canAccess || record.review.status !== 'approved') return null;
  const prefill = {
    aggregated: record.aggregated,
    subjects: (record.subjects ?? []).map((s) => ({ id: s.id, violationFlag: s.violationFlag })),
    recipientName: record.recipientName,
    recipientType: record.recipientType,
    recipientAddress: record.recipientAddress,
    basis: record.basis,
    purpose: record.purpose,
    dataCategories: record.dataCategories,
    disclosedAt: dayOf(record.disclosedAt),
    legalProcess: record.legalProcess,
    consentRequest: record.consentRequest,
    consentDocumentSha256: record.consentDocumentSha256,
    consentNote: record.consentNote,
    consentGivenOn: record.consentGivenOn,
    amendsId: record.id,
  };
  return (
    <CreateButton
      resource="disclosures"
      label="Amend"
      icon={<EditIcon />}
      state={{ record: prefill }}
    />
  );
};

const ShowActions = () => {
  const record = useRecordContext<DisclosureRecord>();
  const { canAccess: canEdit } = useCanAccess({ resource: 'disclosures', action: 'edit' });
  return (
    <TopToolbar>
      <ListButton label="Disclosures" />
      {record && canEdit && record.review.status !== 'approved' ? <EditButton /> : null}
      <AmendButton />
    </TopToolbar>
  );
};

const Title = () => {
  const record = useRecordContext<DisclosureRecord>();
  return <>{record ? `Disclosure ${record.reference}` : 'Disclosure'}</>;
};

const Review = () => {
  const record = useRecordContext<DisclosureRecord>();
  if (!record) return null;
  const { review } = record;
  return (
    <SectionCard title="Compliance review">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Chip
          size="small"
          data-testid="review-status"
          color={
            review.status === 'approved'
              ? 'success'
              : review.status === 'returned'
                ? 'warning'
                : 'default'
          }
          label={reviewStatusLabel(review.status)}
        />
        {review.reviewedBy ? (
          <Typography variant="body2">
            by {review.reviewedBy.name} {review.reviewedAt ? `on ${dayOf(review.reviewedAt)}` : ''}
          </Typography>
        ) : null}
      </Stack>
      {review.note ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          Note: {review.note}
        </Typography>
      ) : null}
      <ReviewActions />
    </SectionCard>
  );
};

const Amendments = () => {
  const record = useRecordContext<DisclosureRecord>();
  if (!record) return null;
  const amendedBy = record.amendedBy ?? [];
  return (
    <SectionCard title="Amendment history">
      <Typography variant="body2">This record: {record.reference}</Typography>
      <Typography variant="body2">
        Amends:{' '}
        {record.amends ? (
          <Link to={`/disclosures/${record.amends.id}/show`}>{record.amends.reference}</Link>
        ) : (
          'nothing (an original record)'
        )}
      </Typography>
      <Typography variant="body2" component="div">
        Amended by:{' '}
        {amendedBy.length
          ? amendedBy.map((a) => (
              <span key={a.id} style={{ marginRight: 8 }}>
                <Link to={`/disclosures/${a.id}/show`}>{a.reference}</Link> (
                {reviewStatusLabel(a.reviewStatus)})
              </span>
            ))
          : 'no amendment'}
      </Typography>
    </SectionCard>
  );
};

const Subjects = () => {
  const record = useRecordContext<DisclosureRecord>();
  if (!record) return null;
  if (record.aggregated)
    return (
      <Typography variant="body2">Aggregated, non-personal statistics: no subjects.</Typography>
    );
  return (
    <Stack spacing={0.5}>
      {(record.subjects ?? []).map((s) => (
        <Typography key={s.id} variant="body2">
          <Link to={`/subjects/${s.id}/show`}>{s.name}</Link>
          {s.violationFlag ? ` — flag ${s.violationFlag.reference}` : ''}
        </Typography>
      ))}
    </Stack>
  );
};

const Details = () => {
  const record = useRecordContext<DisclosureRecord>();
  if (!record) return null;
  return (
    <Stack spacing={1}>
      {record.gagged ? (
        <Alert severity="warning" data-testid="gagged">
          Under a gag order in force: the subjects must not be told of this disclosure.
        </Alert>
      ) : null}
      <Labeled label="Recipient">
        <Typography variant="body2">
          {record.recipientName} ({recipientTypeLabel(record.recipientType)})
          {record.recipientAddress ? `, ${record.recipientAddress}` : ''}
        </Typography>
      </Labeled>
      <Labeled label="Basis">
        <Typography variant="body2">{basisLabel(record.basis)}</Typography>
      </Labeled>
      {record.legalProcess ? (
        <Labeled label="Legal process">
          <Link to={`/legal-process/${record.legalProcess.id}/show`}>
            {record.legalProcess.reference}
          </Link>
        </Labeled>
      ) : null}
      {record.basis === 'consent' ? (
        <Labeled label="Evidence of consent">
          <Typography variant="body2">
            {[
              record.consentRequest ? `request ${record.consentRequest.reference}` : null,
              record.consentDocumentSha256 ? `document ${record.consentDocumentSha256}` : null,
              record.consentNote
                ? `${record.consentNote} (given on ${record.consentGivenOn})`
                : null,
            ]
              .filter(Boolean)
              .join('; ')}
          </Typography>
        </Labeled>
      ) : null}
      <Labeled label="Data disclosed">
        <Typography variant="body2">{categoriesLabel(record.dataCategories)}</Typography>
      </Labeled>
      <Labeled label="Disclosed on">
        <Typography variant="body2">{dayOf(record.disclosedAt)}</Typography>
      </Labeled>
      <Labeled label="Subjects">
        <Subjects />
      </Labeled>
      <Labeled label="Recorded by">
        <Typography variant="body2">{record.recordedBy.name}</Typography>
      </Labeled>
    </Stack>
  );
};

const Documents = () => {
  const record = useRecordContext<DisclosureRecord>();
  const { canAccess: canRecord } = useCanAccess({ resource: 'disclosures', action: 'edit' });
  if (!record) return null;
  return (
    <DocumentsPanel
      ownerType="disclosure"
      ownerId={record.id}
      canUpload={!!canRecord && record.review.status !== 'approved'}
      defaultRole={record.basis === 'consent' ? 'consent' : 'evidence'}
      title="Documents (evidence of consent, the data sent, correspondence)"
    />
  );
};

export const DisclosureShow = () => (
  <Show title={<Title />} actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="reference" label="Reference" />
      <TextField source="purpose" label="Purpose" />
      <Details />
    </SimpleShowLayout>
    <Review />
    <Documents />
    <Amendments />
  </Show>
);
