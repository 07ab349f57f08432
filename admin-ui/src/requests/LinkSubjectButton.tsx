import LinkIcon from '@mui/icons-material/Link';
import {
  Alert,
  Autocomplete,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { isClosed } from '@privacy-desk/shared';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { useCanAccess, useNotify, useRecordContext, useRefresh } from 'react-admin';

import { useAppDataProvider, type RequestRecord, type SubjectRecord } from '../dataProvider';
import { describeRequestError, isStaleAnswer } from './errors';

const subjectText = (subject: SubjectRecord) =>
  [subject.name, subject.email, subject.company].filter(Boolean).join(' · ');

const LinkSubjectDialog = ({ record, onClose }: { record: RequestRecord; onClose: () => void }) => {
  const titleId = useId();
  const dataProvider = useAppDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [search, setSearch] = useState(record.requesterEmail ?? '');
  const q = useDeferredValue(search.trim());
  const [selected, setSelected] = useState<SubjectRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const { data, isFetching } = useQuery({
    queryKey: ['subjects', 'picker', q],
    queryFn: async () =>
      (
        await dataProvider.getList<SubjectRecord>('subjects', {
          filter: q ? { q } : {},
          pagination: { page: 1, perPage: 20 },
          sort: { field: 'name', order: 'ASC' },
        })
      ).data,
  });

  const link = async () => {
    if (!selected) return;
    setBusy(true);
    setError(null);
    try {
      await dataProvider.linkRequestSubject(record.id, record.version, selected.id);
      notify(`Linked to ${selected.name}`, { type: 'info' });
      onClose();
      refresh();
    } catch (failure) {
      if (isStaleAnswer(failure)) refresh();
      setError(describeRequestError(failure, 'The subject was not linked'));
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} aria-labelledby={titleId} fullWidth>
      <DialogTitle id={titleId}>Link a subject</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          The person in our records this request is about. Search by name, email, phone or company.
        </DialogContentText>
        <Autocomplete<SubjectRecord>
          options={data ?? []}
          loading={isFetching}
          value={selected}
          onChange={(_event, value) => setSelected(value)}
          inputValue={search}
          onInputChange={(_event, value, reason) => {
            if (reason !== 'reset') setSearch(value);
          }}
          filterOptions={(options) => options}
          getOptionLabel={subjectText}
          isOptionEqualToValue={(option, value) => option.id === value.id}
          noOptionsText="No subject matches"
          renderInput={(params) => <TextField {...params} label="Subject" autoFocus />}
        />
        {error ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button variant="contained" onClick={link} disabled={!selected || busy}>
          {busy ? 'Linking…' : 'Link'}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** Shown on an open request with no subject yet, to those who process requests. */
export const LinkSubjectButton = () => {
  const record = useRecordContext<RequestRecord>();
  // Linking needs requests.process, the permission behind the `claim` entry.
  const { canAccess } = useCanAccess({ resource: 'requests', action: 'claim', record });
  const [open, setOpen] = useState(false);
  if (!record || record.subjectId || !canAccess || isClosed(record.status)) return null;
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        startIcon={<LinkIcon />}
        onClick={() => setOpen(true)}
      >
        Link subject
      </Button>
      {open ? <LinkSubjectDialog record={record} onClose={() => setOpen(false)} /> : null}
    </>
  );
};
