import { Alert, Typography } from '@mui/material';
import { explainBasis, type DisclosureBasis } from '@privacy-desk/shared';
import {
  ArrayInput,
  AutocompleteInput,
  BooleanInput,
  CheckboxGroupInput,
  DateInput,
  FormDataConsumer,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
} from 'react-admin';

import { FormToolbar } from '../common/FormToolbar';
import { basisErrors, validateDisclosure, type DisclosureFormValues } from './form-values';
import { basisChoices, dataCategoryChoices, recipientTypeChoices } from './presentation';

/** The confirmed flags of one subject (the violations list, filtered), to cite for tos_violation. */
const FlagPicker = ({ subjectId, source }: { subjectId?: string; source: string }) =>
  subjectId ? (
    <ReferenceInput
      source={source}
      reference="violations"
      filter={{ subjectId, status: 'confirmed' }}
      sort={{ field: 'createdAt', order: 'DESC' }}
    >
      <AutocompleteInput
        label="Confirmed violation flag"
        optionText="reference"
        filterToQuery={(q: string) => (q ? { q } : {})}
        helperText="The ToS basis needs a confirmed flag for every subject"
      />
    </ReferenceInput>
  ) : null;

/** Fields that appear for the chosen basis (the shared table says which). */
const BasisFields = ({ basis }: { basis?: DisclosureBasis }) => {
  if (basis === 'legal_process')
    return (
      <ReferenceInput
        source="legalProcess.id"
        reference="legal-process"
        sort={{ field: 'receivedAt', order: 'DESC' }}
      >
        <AutocompleteInput
          label="Legal process (LP-…)"
          optionText="reference"
          filterToQuery={(q: string) => (q ? { q } : {})}
        />
      </ReferenceInput>
    );
  if (basis === 'consent')
    return (
      <>
        <Typography variant="body2" color="text.secondary">
          Evidence of consent: a request, a stored document, or a note with the date it was given.
        </Typography>
        <ReferenceInput
          source="consentRequest.id"
          reference="requests"
          sort={{ field: 'receivedAt', order: 'DESC' }}
        >
          <AutocompleteInput
            label="Request (PR-…)"
            optionText="reference"
            filterToQuery={(q: string) => (q ? { q, view: 'all' } : { view: 'all' })}
          />
        </ReferenceInput>
        <TextInput source="consentDocumentSha256" label="Document SHA-256" fullWidth />
        <TextInput source="consentNote" label="Note of consent" multiline fullWidth />
        <DateInput source="consentGivenOn" label="Consent given on" />
      </>
    );
  return null;
};

/** Everything the basis rules still refuse, in words, as you type. */
const BasisSummary = ({ values }: { values: DisclosureFormValues }) => {
  if (!values.basis) return null;
  const errors = Object.values(basisErrors(values));
  return (
    <Alert
      severity={errors.length ? 'warning' : 'success'}
      sx={{ my: 1 }}
      data-testid="basis-check"
    >
      <div>{explainBasis(values.basis)}</div>
      {errors.length ? (
        <ul style={{ margin: 0 }}>
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : (
        <div>The basis rules are met.</div>
      )}
    </Alert>
  );
};

/**
 * Record or correct a disclosure; the basis rules are checked as you type. The form checks the
 * required fields as a whole (validateDisclosure), so `isRequired` marks them.
 */
export const DisclosureForm = () => (
  <SimpleForm
    validate={validateDisclosure}
    mode="onChange"
    reValidateMode="onChange"
    noValidate
    toolbar={<FormToolbar />}
  >
    <TextInput source="recipientName" label="Recipient" isRequired fullWidth />
    <SelectInput
      source="recipientType"
      label="Recipient type"
      choices={recipientTypeChoices}
      isRequired
    />
    <TextInput source="recipientAddress" label="Recipient address" multiline fullWidth />
    <SelectInput source="basis" label="Basis" choices={basisChoices} isRequired />
    <TextInput source="purpose" label="Purpose" multiline isRequired fullWidth />
    <CheckboxGroupInput
      source="dataCategories"
      label="Data disclosed"
      choices={dataCategoryChoices}
    />
    <DateInput source="disclosedAt" label="Disclosed on" />
    <FormDataConsumer<DisclosureFormValues>>
      {({ formData }) => <BasisFields basis={formData.basis} />}
    </FormDataConsumer>
    <BooleanInput source="aggregated" label="Aggregated, non-personal statistics (no subjects)" />
    <FormDataConsumer<DisclosureFormValues>>
      {({ formData }) =>
        formData.aggregated ? null : (
          <ArrayInput source="subjects" label="Subjects">
            <SimpleFormIterator inline disableReordering>
              <ReferenceInput
                source="id"
                reference="subjects"
                sort={{ field: 'name', order: 'ASC' }}
              >
                <AutocompleteInput
                  label="Subject"
                  optionText="name"
                  filterToQuery={(q: string) => (q ? { q } : {})}
                />
              </ReferenceInput>
              <FormDataConsumer<DisclosureFormValues>>
                {({ scopedFormData }) =>
                  formData.basis === 'tos_violation' ? (
                    <FlagPicker
                      subjectId={(scopedFormData as { id?: string } | undefined)?.id}
                      source="violationFlag.id"
                    />
                  ) : null
                }
              </FormDataConsumer>
            </SimpleFormIterator>
          </ArrayInput>
        )
      }
    </FormDataConsumer>
    <FormDataConsumer<DisclosureFormValues>>
      {({ formData }) => <BasisSummary values={formData} />}
    </FormDataConsumer>
  </SimpleForm>
);
