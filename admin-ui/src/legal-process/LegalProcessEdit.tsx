import { Edit, SimpleForm, useNotify, useRecordContext } from 'react-admin';

import { fieldErrors, isHttpError } from '../api';
import { LegalProcessInputs } from './inputs';
import { toApiBody, type LegalProcessRecord } from './presentation';

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
    <SimpleForm record={values}>
      <LegalProcessInputs />
    </SimpleForm>
  );
};

/** PUT with the version loaded: a change made meanwhile is refused, not overwritten. */
export const LegalProcessEdit = () => {
  const notify = useNotify();
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
  return (
    <Edit
      mutationMode="pessimistic"
      mutationOptions={{ onError }}
      redirect="show"
      transform={(data: Record<string, unknown>) => ({
        ...toApiBody(data),
        version: data.version,
      })}
    >
      <EditForm />
    </Edit>
  );
};
