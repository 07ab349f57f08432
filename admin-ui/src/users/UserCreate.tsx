import { Create, PasswordInput, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { PASSWORD_MIN_LENGTH } from '@privacy-desk/shared';

import { FormToolbar } from '../common/FormToolbar';
import { useSavedHandler } from '../common/savedNotice';
import { roleChoices, validateEmail, validateName, validatePassword, validateRole } from './inputs';

export const UserCreate = () => {
  const onSuccess = useSavedHandler('created', 'list');
  return (
    <Create title="New user" redirect="list" mutationOptions={{ onSuccess }}>
      <SimpleForm noValidate toolbar={<FormToolbar />}>
        <TextInput source="email" label="Email" validate={validateEmail} />
        <TextInput source="name" label="Name" validate={validateName} />
        <SelectInput source="role" label="Role" choices={roleChoices} validate={validateRole} />
        <PasswordInput
          source="password"
          label="Initial password"
          validate={validatePassword}
          helperText={`At least ${PASSWORD_MIN_LENGTH} characters. Share it with the person securely.`}
          autoComplete="new-password"
        />
      </SimpleForm>
    </Create>
  );
};
