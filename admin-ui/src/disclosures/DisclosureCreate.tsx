import { Create } from 'react-admin';

import { useSavedHandler } from '../common/savedNotice';
import { DisclosureForm } from './DisclosureForm';
import { toDisclosureBody, type DisclosureFormValues } from './form-values';

/** A new disclosure, or (opened from "Amend") an amendment prefilled with `amendsId`. */
export const DisclosureCreate = () => {
  const onSuccess = useSavedHandler('created');
  return (
    <Create
      mutationOptions={{ onSuccess }}
      title="Record a disclosure"
      redirect="show"
      transform={(values: DisclosureFormValues) => toDisclosureBody(values, 'create')}
    >
      <DisclosureForm />
    </Create>
  );
};
