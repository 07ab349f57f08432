import { Create, ListButton, SimpleForm, TopToolbar } from 'react-admin';

import { FormToolbar } from '../common/FormToolbar';
import { useSavedHandler } from '../common/savedNotice';

import { SubjectInputs } from './inputs';

const SubjectCreateActions = () => (
  <TopToolbar>
    <ListButton label="Subjects" />
  </TopToolbar>
);

/** POST /api/subjects; 422 field errors (e.g. a phone number that is not one) show by the inputs. */
export const SubjectCreate = () => {
  const onSuccess = useSavedHandler('created');
  return (
    <Create
      title="New subject"
      actions={<SubjectCreateActions />}
      redirect="show"
      mutationOptions={{ onSuccess }}
    >
      <SimpleForm noValidate toolbar={<FormToolbar />}>
        <SubjectInputs />
      </SimpleForm>
    </Create>
  );
};
