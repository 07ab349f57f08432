import { Grid } from '@mui/material';
import { countryChoices, EMAIL_MAX_LENGTH } from '@privacy-desk/shared';
import { AutocompleteInput, DateInput, maxLength, TextInput } from 'react-admin';

import { deskToday } from '../common/desk-dates';
import { useDeskToday } from '../common/useDeskToday';
import { dateOfBirth, emailAddress, requiredField } from '../common/validators';

const COUNTRY_CHOICES = countryChoices();

/**
 * The inputs of a subject, shared by create and edit, checked by the rules the server applies.
 * Phone may be typed in any common format.
 */
export const SubjectInputs = () => {
  const today = useDeskToday()?.today ?? deskToday();
  return (
    <Grid container columnSpacing={2} sx={{ width: '100%' }}>
      <Grid size={{ xs: 12, md: 6 }}>
        <TextInput source="name" label="Name" validate={[requiredField(), maxLength(200)]} />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <TextInput
          source="email"
          label="Email"
          validate={[requiredField(), emailAddress, maxLength(EMAIL_MAX_LENGTH)]}
        />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <TextInput
          source="phone"
          label="Phone"
          helperText="Stored in international form, e.g. +49 30 1234567"
          validate={maxLength(40)}
        />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <DateInput source="dateOfBirth" label="Date of birth" validate={dateOfBirth(today)} />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <TextInput source="company" label="Company" validate={maxLength(200)} />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <TextInput source="jobTitle" label="Job title" validate={maxLength(200)} />
      </Grid>
      <Grid size={12}>
        <TextInput source="addressLine1" label="Address line 1" validate={maxLength(200)} />
      </Grid>
      <Grid size={12}>
        <TextInput source="addressLine2" label="Address line 2" validate={maxLength(200)} />
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <TextInput source="city" label="City" validate={maxLength(100)} />
      </Grid>
      <Grid size={{ xs: 12, md: 3 }}>
        <TextInput source="region" label="Region / state" validate={maxLength(100)} />
      </Grid>
      <Grid size={{ xs: 12, md: 3 }}>
        <TextInput source="postalCode" label="Postal code" validate={maxLength(20)} />
      </Grid>
      <Grid size={{ xs: 12, md: 2 }}>
        <AutocompleteInput
          source="country"
          label="Country"
          choices={COUNTRY_CHOICES}
          // An empty pick is stored as no country (the field is optional), not as "".
          parse={(value: string | null) => value || null}
          helperText={false}
        />
      </Grid>
    </Grid>
  );
};
