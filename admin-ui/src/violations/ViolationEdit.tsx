import { Edit, required, SelectInput, SimpleForm, TextInput } from 'react-admin';

import { useSavedHandler } from '../common/savedNotice';
import {
  categoryChoices,
  linksToText,
  severityChoices,
  sourceChoices,
  textToLinks,
} from './presentation';

const validateLinks = (value: unknown) => {
  const bad = textToLinks(value).find((link) => !/^https?:\/\/\S+$/i.test(link));
  return bad ? `Each link must be an http(s) URL (not "${bad.slice(0, 60)}")` : undefined;
};

/**
 * Edit a flag while it is open or under review (the server refuses later edits with a 409,
 * and a stale version likewise). The subject stays as flagged.
 */
export const ViolationEdit = () => {
  const onSuccess = useSavedHandler('updated');
  return (
    <Edit
      mutationOptions={{ onSuccess }}
      title="Edit a violation flag"
      mutationMode="pessimistic"
      redirect="show"
      transform={(data: Record<string, unknown>) => ({
        ...data,
        evidenceLinks: textToLinks(data.evidenceLinks),
      })}
    >
      <SimpleForm noValidate>
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
        <TextInput source="termsClause" label="Clause of the Terms cited" validate={required()} />
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
          format={linksToText}
          validate={validateLinks}
        />
      </SimpleForm>
    </Edit>
  );
};
