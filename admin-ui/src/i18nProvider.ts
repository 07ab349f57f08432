import { asSentence, FIELD_MESSAGES } from '@privacy-desk/shared';
import { defaultI18nProvider, type I18nProvider } from 'react-admin';

/** react-admin's own sentences that our users would not say, in the desk's words. */
export const CONSOLE_MESSAGES: Readonly<Record<string, string>> = {
  'ra.message.invalid_form': 'Not saved: correct the fields marked in red',
  // The shared rules' wording, for every required() and email() of the console's forms.
  'ra.validation.required': asSentence(FIELD_MESSAGES.required),
  'ra.validation.email': asSentence(FIELD_MESSAGES.email),
};

export const i18nProvider: I18nProvider = {
  ...defaultI18nProvider,
  translate: (key, options) =>
    Object.hasOwn(CONSOLE_MESSAGES, key)
      ? CONSOLE_MESSAGES[key]!
      : defaultI18nProvider.translate(key, options),
};
