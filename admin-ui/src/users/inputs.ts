import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLE_LABELS, ROLES } from '@privacy-desk/shared';
import { email, maxLength, minLength, required } from 'react-admin';

export const roleChoices = ROLES.map((role) => ({ id: role, name: ROLE_LABELS[role] }));

export const validateEmail = [required(), email(), maxLength(254)];
export const validateName = [required(), maxLength(200)];
export const validateRole = [required()];
export const validatePassword = [
  required(),
  minLength(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`),
  maxLength(PASSWORD_MAX_LENGTH),
];
