import { SaveButton, Toolbar } from 'react-admin';

/**
 * Save stays enabled on an empty form: pressing it shows under each field what is missing,
 * where a greyed-out button would only leave the user guessing.
 */
export const FormToolbar = () => (
  <Toolbar>
    <SaveButton alwaysEnable />
  </Toolbar>
);
