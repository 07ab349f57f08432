import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLE_LABELS, ROLES } from '@privacy-desk/shared';
import { maxLength, minLength } from 'react-admin';

import { emailAddress, requiredField } from '../common/validators';

export const roleChoices = ROLES.map((role) => ({ id: role, name: ROLE_LABELS[role] }));

export const validateEmail = [requiredField(), emailAddress, maxLength(254)];
export const validateName = [requiredField(), maxLength(200)];
export const validateRole = [requiredField()];
export const validatePassword = [
  requiredField(),
  minLength(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`),
  maxLength(PASSWORD_MAX_LENGTH),
];
