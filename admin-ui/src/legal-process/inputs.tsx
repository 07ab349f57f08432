import { Stack } from '@mui/material';
import {
  AutocompleteArrayInput,
  BooleanInput,
  DateInput,
  FormDataConsumer,
  ReferenceArrayInput,
  SelectArrayInput,
  SelectInput,
  TextInput,
  required,
} from 'react-admin';

import { deskToday } from '../common/desk-dates';
import { useDeskToday } from '../common/useDeskToday';
import { notInFuture, periodEnd } from '../common/validators';
import { categoryChoices, typeChoices } from './presentation';

const subjectText = (s: { name?: string; email?: string }) =>
  s ? `${s.name ?? ''} <${s.email ?? ''}>` : '';

/** The form of a legal process (record and edit); the server checks the same rules. */
export const LegalProcessInputs = () => {
  const today = useDeskToday()?.today ?? deskToday();
  return (
    <>
      <SelectInput source="type" label="Type" choices={typeChoices} validate={required()} />
      <TextInput
        source="issuingAuthority"
        label="Issuing authority"
        validate={required()}
        fullWidth
      />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ width: '100%' }}>
        <TextInput source="requestingAgency" label="Requesting agency" fullWidth />
        <TextInput source="requestingOfficer" label="Requesting officer" fullWidth />
      </Stack>
      <TextInput
        source="identityVerification"
        label="How their identity was verified"
        multiline
        fullWidth
      />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ width: '100%' }}>
        <TextInput source="jurisdiction" label="Jurisdiction" validate={required()} fullWidth />
        <TextInput source="caseNumber" label="Case or docket number" fullWidth />
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <DateInput
          source="receivedAt"
          label="Received on"
          validate={[required(), notInFuture(today)]}
        />
        <DateInput source="responseDueOn" label="Response due on" validate={required()} />
      </Stack>
      <ReferenceArrayInput
        source="subjectIds"
        reference="subjects"
        perPage={25}
        sort={{ field: 'name', order: 'ASC' }}
      >
        <AutocompleteArrayInput
          label="Subjects named"
          optionText={subjectText}
          filterToQuery={(q: string) => ({ q })}
          validate={required()}
          fullWidth
        />
      </ReferenceArrayInput>
      <SelectArrayInput
        source="dataCategories"
        label="Data asked for"
        choices={categoryChoices}
        validate={required()}
      />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <DateInput source="periodStart" label="Period from" />
        <DateInput source="periodEnd" label="Period to" validate={periodEnd('periodStart')} />
      </Stack>
      <BooleanInput source="gagOrder" label="A non-disclosure (gag) order is attached" />
      <FormDataConsumer<{ gagOrder?: boolean }>>
        {({ formData }) =>
          formData.gagOrder ? (
            <DateInput
              source="gagUntil"
              label="Gag order holds until (leave empty: indefinitely)"
            />
          ) : null
        }
      </FormDataConsumer>
      <TextInput source="notes" label="Notes" multiline fullWidth />
    </>
  );
};
