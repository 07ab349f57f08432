import { Create, SimpleForm } from 'react-admin';

import { LegalProcessInputs } from './inputs';
import { toApiBody } from './presentation';

export const LegalProcessCreate = () => (
  <Create
    title="Record legal process"
    redirect="show"
    transform={(data: Record<string, unknown>) => toApiBody(data)}
  >
    <SimpleForm defaultValues={{ type: 'court_order', gagOrder: false, dataCategories: [] }}>
      <LegalProcessInputs />
    </SimpleForm>
  </Create>
);
