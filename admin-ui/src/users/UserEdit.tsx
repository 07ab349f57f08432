import {
  BooleanInput,
  Edit,
  ListButton,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  TopToolbar,
  useNotify,
  useRecordContext,
} from 'react-admin';

import { fieldErrors, isHttpError } from '../api';
import { useSavedHandler } from '../common/savedNotice';
import type { UserRecord } from '../dataProvider';
import { DeactivateUserButton } from './DeactivateUserButton';
import { ResetPasswordButton } from './ResetPasswordButton';
import { UnlockUserButton } from './UnlockUserButton';
import { roleChoices, validateName, validateRole } from './inputs';

const UserEditActions = () => (
  <TopToolbar>
    <ListButton />
    <UnlockUserButton />
    <ResetPasswordButton />
    <DeactivateUserButton />
  </TopToolbar>
);

/** Save only: users are deactivated, never deleted. */
const UserEditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

const UserTitle = () => {
  const record = useRecordContext<UserRecord>();
  return <>{record ? `User ${record.email}` : 'User'}</>;
};

export const UserEdit = () => {
  const notify = useNotify();
  const onSuccess = useSavedHandler('updated', 'list');
  const onError = (error: unknown) => {
    if (isHttpError(error) && error.status === 409) {
      notify('Someone else changed this user; reload', { type: 'error' });
      return;
    }
    // 422 field errors are shown beside the inputs by the form.
    if (fieldErrors(error)) return;
    notify(error instanceof Error && error.message ? error.message : 'The user was not saved', {
      type: 'error',
    });
  };
  return (
    <Edit
      title={<UserTitle />}
      mutationMode="pessimistic"
      mutationOptions={{ onSuccess, onError }}
      actions={<UserEditActions />}
    >
      <SimpleForm noValidate toolbar={<UserEditToolbar />}>
        <TextInput source="email" label="Email" disabled />
        <TextInput source="name" label="Name" validate={validateName} />
        <SelectInput source="role" label="Role" choices={roleChoices} validate={validateRole} />
        <BooleanInput source="active" label="Active" />
      </SimpleForm>
    </Edit>
  );
};
