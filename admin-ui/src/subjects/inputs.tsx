import { Grid } from '@mui/material';
import { DateInput, email, maxLength, regex, required, TextInput } from 'react-admin';

const countryCode = regex(/^[A-Za-z]{2}$/, 'A two-letter country code such as DE or US');

/** The inputs of a subject, shared by create and edit. Phone may be typed in any common format. */
export const SubjectInputs = () => (
  <Grid container columnSpacing={2} sx={{ width: '100%' }}>
    <Grid size={{ xs: 12, md: 6 }}>
      <TextInput source="name" label="Name" validate={[required(), maxLength(200)]} />
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <TextInput
        source="email"
        label="Email"
        type="email"
        validate={[required(), email(), maxLength(320)]}
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
      <DateInput source="dateOfBirth" label="Date of birth" />
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
      <TextInput source="country" label="Country" validate={countryCode} />
    </Grid>
  </Grid>
);
