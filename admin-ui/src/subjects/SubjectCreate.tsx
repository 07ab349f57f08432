import { Create, ListButton, SimpleForm, TopToolbar } from 'react-admin';

import { SubjectInputs } from './inputs';

const SubjectCreateActions = () => (
  <TopToolbar>
    <ListButton label="Subjects" />
  </TopToolbar>
);

/** POST /api/subjects; 422 field errors (e.g. a phone number that is not one) show by the inputs. */
export const SubjectCreate = () => (
  <Create title="New subject" actions={<SubjectCreateActions />} redirect="show">
    <SimpleForm>
      <SubjectInputs />
    </SimpleForm>
  </Create>
);
