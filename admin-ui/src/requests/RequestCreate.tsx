import { Typography } from '@mui/material';
import type { RequestKind } from '@privacy-desk/shared';
import {
  AutocompleteInput,
  Create,
  DateInput,
  FormDataConsumer,
  ListButton,
  maxLength,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  TopToolbar,
} from 'react-admin';

import { FormToolbar } from '../common/FormToolbar';
import { useSavedHandler } from '../common/savedNotice';
import { useDeskToday } from '../common/useDeskToday';
import { emailAddress, notInFuture, requiredField } from '../common/validators';
import type { RequestPayload } from '../dataProvider';
import { EMAIL_MAX_LENGTH } from '@privacy-desk/shared';
import { kindUi } from './kinds';
import {
  jurisdictionChoices,
  staffEntryChannelChoices,
  submittableKindChoices,
} from './presentation';

function transform(data: Record<string, unknown>): Record<string, unknown> {
  const kind = data.kind as RequestKind;
  const body: Record<string, unknown> = {
    kind,
    channel: data.channel,
    requesterName: data.requesterName,
    requesterEmail: data.requesterEmail,
    receivedAt: data.receivedAt,
    payload: kindUi(kind).payloadFor((data.payload as RequestPayload | undefined) ?? {}),
  };
  if (data.jurisdiction) body.jurisdiction = data.jurisdiction;
  if (data.subjectId) body.subjectId = data.subjectId;
  return body;
}

const PayloadInputs = ({ kind }: { kind: RequestKind | undefined }) => {
  const Inputs = kind ? kindUi(kind).PayloadInputs : undefined;
  if (Inputs) return <Inputs />;
  return (
    <Typography variant="body2" color="text.secondary">
      Choose a kind to say what was asked.
    </Typography>
  );
};

const RequestCreateActions = () => (
  <TopToolbar>
    <ListButton label="Requests" />
  </TopToolbar>
);

/** Staff entry of a request that arrived by email, phone, post or in person. */
export const RequestCreate = () => {
  const desk = useDeskToday();
  const onSuccess = useSavedHandler('created');
  return (
    <Create
      title="New request"
      actions={<RequestCreateActions />}
      transform={transform}
      redirect="show"
      mutationOptions={{ onSuccess }}
    >
      {desk ? (
        <RequestEntryForm today={desk.today} timeZone={desk.timeZone} />
      ) : (
        <Typography sx={{ p: 2 }}>Loading…</Typography>
      )}
    </Create>
  );
};

const RequestEntryForm = ({ today, timeZone }: { today: string; timeZone?: string }) => (
  <SimpleForm
    noValidate
    toolbar={<FormToolbar />}
    defaultValues={() => ({
      receivedAt: today,
      channel: 'email',
      payload: { corrections: [{}], channels: [], scopes: [] },
    })}
  >
    <SelectInput
      source="kind"
      label="Kind"
      choices={submittableKindChoices}
      validate={requiredField()}
    />
    <SelectInput
      source="channel"
      label="Received by"
      choices={staffEntryChannelChoices}
      validate={requiredField()}
    />
    <SelectInput
      source="jurisdiction"
      label="Jurisdiction"
      choices={jurisdictionChoices}
      helperText="Optional"
    />
    <TextInput
      source="requesterName"
      label="Requester name"
      validate={[requiredField(), maxLength(200)]}
    />
    <TextInput
      source="requesterEmail"
      label="Requester email"
      validate={[requiredField(), emailAddress, maxLength(EMAIL_MAX_LENGTH)]}
    />
    <DateInput
      source="receivedAt"
      label="Received on"
      validate={[requiredField(), notInFuture(today)]}
      helperText={`The legal clock runs from this day${timeZone ? ` (today is ${today} in ${timeZone})` : ''}`}
    />
    <ReferenceInput source="subjectId" reference="subjects" sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteInput
        label="Subject (if known)"
        optionText={(subject: { name: string; email: string }) =>
          `${subject.name} · ${subject.email}`
        }
        filterToQuery={(q: string) => ({ q })}
      />
    </ReferenceInput>
    <FormDataConsumer<{ kind?: RequestKind }>>
      {({ formData }) => <PayloadInputs kind={formData.kind} />}
    </FormDataConsumer>
  </SimpleForm>
);
