import { Create, SimpleForm } from 'react-admin';

import { FormToolbar } from '../common/FormToolbar';
import { useSavedHandler } from '../common/savedNotice';
import { LegalProcessInputs } from './inputs';
import { toApiBody } from './presentation';

export const LegalProcessCreate = () => {
  const onSuccess = useSavedHandler('created');
  return (
    <Create
      title="Record legal process"
      redirect="show"
      mutationOptions={{ onSuccess }}
      transform={(data: Record<string, unknown>) => toApiBody(data)}
    >
      <SimpleForm
        noValidate
        toolbar={<FormToolbar />}
        defaultValues={{ type: 'court_order', gagOrder: false, dataCategories: [] }}
      >
        <LegalProcessInputs />
      </SimpleForm>
    </Create>
  );
};
