import { Edit } from 'react-admin';

import { useSavedHandler } from '../common/savedNotice';
import { DisclosureForm } from './DisclosureForm';
import { toDisclosureBody, type DisclosureFormValues } from './form-values';

/** Correct a disclosure while it is pending review or returned (the server refuses it after). */
export const DisclosureEdit = () => {
  const onSuccess = useSavedHandler('updated');
  return (
    <Edit
      mutationOptions={{ onSuccess }}
      mutationMode="pessimistic"
      redirect="show"
      transform={(values: DisclosureFormValues) => toDisclosureBody(values, 'edit')}
    >
      <DisclosureForm />
    </Edit>
  );
};
