import { Typography } from '@mui/material';
import {
  AutocompleteInput,
  Create,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
} from 'react-admin';

import { useSavedHandler } from '../common/savedNotice';
import { FormToolbar } from '../common/FormToolbar';
import { categoryChoices, severityChoices, sourceChoices, textToLinks } from './presentation';

/** Evidence links: http(s) only (the server says the same, naming the field). */
const validateLinks = (value: unknown) => {
  const bad = textToLinks(value).find((link) => !/^https?:\/\/\S+$/i.test(link));
  return bad ? `Each link must be an http(s) URL (not "${bad.slice(0, 60)}")` : undefined;
};

/**
 * Flag a subject. Documents (screenshots, reports) are attached on the flag's page once it
 * exists, where the upload panel checks their type.
 */
export const ViolationCreate = () => {
  const onSuccess = useSavedHandler('created');
  return (
    <Create
      mutationOptions={{ onSuccess }}
      title="Flag a Terms-of-Service violation"
      redirect="show"
      transform={(data: Record<string, unknown>) => ({
        ...data,
        evidenceLinks: textToLinks(data.evidenceLinks),
      })}
    >
      <SimpleForm
        noValidate
        toolbar={<FormToolbar />}
        defaultValues={{ source: 'monitoring_review', severity: 'medium' }}
      >
        <ReferenceInput
          source="subjectId"
          reference="subjects"
          sort={{ field: 'name', order: 'ASC' }}
        >
          <AutocompleteInput
            label="Subject"
            optionText="name"
            filterToQuery={(q: string) => ({ q })}
            validate={required()}
          />
        </ReferenceInput>
        <SelectInput
          source="category"
          label="Category"
          choices={categoryChoices}
          validate={required()}
        />
        <SelectInput
          source="severity"
          label="Severity"
          choices={severityChoices}
          validate={required()}
        />
        <SelectInput source="source" label="Source" choices={sourceChoices} validate={required()} />
        <TextInput
          source="termsClause"
          label="Clause of the Terms cited"
          helperText="e.g. 4.2 Prohibited uses"
          validate={required()}
        />
        <TextInput
          source="description"
          label="Description"
          multiline
          minRows={3}
          validate={required()}
        />
        <TextInput source="evidenceText" label="Evidence" multiline minRows={2} />
        <TextInput
          source="evidenceLinks"
          label="Evidence links (one per line)"
          multiline
          minRows={2}
          validate={validateLinks}
        />
        <Typography variant="body2" color="text.secondary">
          After saving, attach documents (screenshots, reports) on the flag&apos;s page.
        </Typography>
      </SimpleForm>
    </Create>
  );
};
