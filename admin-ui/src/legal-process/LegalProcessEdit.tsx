import { Edit, SimpleForm, TextInput, useNotify, useRecordContext } from 'react-admin';

import { fieldErrors, isHttpError } from '../api';
import { useSavedHandler } from '../common/savedNotice';
import { LegalProcessInputs } from './inputs';
import { toApiBody, type LegalProcessRecord } from './presentation';

const returned = (record: Partial<LegalProcessRecord> | undefined) =>
  record?.review?.status === 'returned';

/** The form, filled from the record (its subjects as ids, its receipt as a date). */
const EditForm = () => {
  const record = useRecordContext<LegalProcessRecord>();
  if (!record) return null;
  const values = {
    ...record,
    receivedAt: record.receivedAt.slice(0, 10),
    subjectIds: (record.subjects ?? []).map((s) => s.id),
    gagOrder: record.gag.gagOrder,
    gagUntil: record.gag.gagUntil,
  };
  return (
    <SimpleForm record={values} noValidate>
      {returned(record) ? (
        <TextInput
          source="responseSummary"
          label="Response (returned for correction)"
          helperText={record.review?.note ?? undefined}
          multiline
          fullWidth
        />
      ) : null}
      <LegalProcessInputs />
    </SimpleForm>
  );
};

/**
 * PUT with the version loaded: a change made meanwhile is refused, not overwritten. The receipt
 * is sent only when its date changed (a date alone stands for the start of that day).
 */
export const LegalProcessEdit = () => {
  const notify = useNotify();
  const onSuccess = useSavedHandler('updated');
  const onError = (error: unknown) => {
    if (isHttpError(error) && error.status === 409) {
      notify(error.message || 'This legal process can no longer be edited; reload', {
        type: 'error',
      });
      return;
    }
    if (fieldErrors(error)) return;
    notify(error instanceof Error && error.message ? error.message : 'Not saved', {
      type: 'error',
    });
  };
  const transform = (
    data: Record<string, unknown>,
    options?: { previousData?: Partial<LegalProcessRecord> },
  ) => {
    const previous = options?.previousData;
    const body = toApiBody(data, returned(previous) ? ['responseSummary'] : []);
    if (previous?.receivedAt && body.receivedAt === previous.receivedAt.slice(0, 10))
      delete body.receivedAt;
    return { ...body, version: data.version };
  };
  return (
    <Edit
      mutationMode="pessimistic"
      mutationOptions={{ onSuccess, onError }}
      redirect="show"
      transform={transform}
    >
      <EditForm />
    </Edit>
  );
};
