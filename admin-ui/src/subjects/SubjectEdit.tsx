import {
  Edit,
  ListButton,
  SaveButton,
  ShowButton,
  SimpleForm,
  Toolbar,
  TopToolbar,
  useNotify,
  useRecordContext,
} from 'react-admin';

import { fieldErrors, isHttpError } from '../api';
import type { SubjectRecord } from '../dataProvider';
import { useSavedHandler } from '../common/savedNotice';
import { SubjectInputs } from './inputs';

const SubjectEditActions = () => (
  <TopToolbar>
    <ListButton label="Subjects" />
    <ShowButton />
  </TopToolbar>
);

const SubjectEditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

const SubjectTitle = () => {
  const record = useRecordContext<SubjectRecord>();
  return <>{record ? `Edit ${record.name}` : 'Subject'}</>;
};

/**
 * PUT /api/subjects/:id with the version loaded (the data provider adds it), so a change made
 * meanwhile is refused rather than overwritten. Every change lands in the change history.
 */
export const SubjectEdit = () => {
  const notify = useNotify();
  const onSuccess = useSavedHandler('updated');
  const onError = (error: unknown) => {
    if (isHttpError(error) && error.status === 409) {
      notify('Someone else changed this subject; reload', { type: 'error' });
      return;
    }
    if (fieldErrors(error)) return;
    notify(error instanceof Error && error.message ? error.message : 'The subject was not saved', {
      type: 'error',
    });
  };
  return (
    <Edit
      title={<SubjectTitle />}
      mutationMode="pessimistic"
      mutationOptions={{ onSuccess, onError }}
      actions={<SubjectEditActions />}
      redirect="show"
    >
      <SimpleForm noValidate toolbar={<SubjectEditToolbar />}>
        <SubjectInputs />
      </SimpleForm>
    </Edit>
  );
};
