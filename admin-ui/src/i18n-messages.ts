import { asFieldError, FIELD_MESSAGES } from '@privacy-desk/shared';
import type { I18nProvider } from 'react-admin';

/**
 * react-admin's own English where it speaks to developers ("Element updated", "dataProvider
 * error") or ends in two full stops (the Not Found page appends "." to its message), in the
 * words people use. Plural forms are separated by "||||" as in react-admin's messages.
 */
export const CONSOLE_MESSAGES: Record<string, string> = {
  'ra.page.not_found': 'Page not found',
  // The Not Found page adds the closing full stop itself.
  'ra.message.not_found': 'This page does not exist. Check the address, or go back',
  'ra.message.invalid_form': 'Not saved: correct the fields marked in red',
  // The shared rules' wording, for every required() and email() of the console's forms.
  'ra.validation.required': asFieldError(FIELD_MESSAGES.required),
  'ra.validation.email': asFieldError(FIELD_MESSAGES.email),
  'ra.notification.updated': 'Saved |||| %{smart_count} records saved',
  'ra.notification.created': 'Saved',
  'ra.notification.deleted': 'Deleted |||| %{smart_count} records deleted',
  'ra.notification.bad_item': 'This record could not be shown',
  'ra.notification.item_doesnt_exist': 'This record does not exist',
  'ra.notification.http_error': 'The server could not be reached. Try again.',
  'ra.notification.data_provider_error': 'Something went wrong. Try again.',
  'ra.notification.logged_out': 'Your session has ended. Sign in again.',
};

function render(message: string, options: Record<string, unknown> = {}): string {
  const forms = message.split('||||').map((form) => form.trim());
  const count = typeof options.smart_count === 'number' ? options.smart_count : 1;
  const chosen = forms.length > 1 && count !== 1 ? forms[1] : forms[0];
  return chosen.replace(/%\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(options, name) ? String(options[name]) : whole,
  );
}

/** The base provider with CONSOLE_MESSAGES taking precedence over its own. */
export function withConsoleMessages(base: I18nProvider): I18nProvider {
  return {
    ...base,
    translate: (key, options) =>
      Object.hasOwn(CONSOLE_MESSAGES, key)
        ? render(CONSOLE_MESSAGES[key], options as Record<string, unknown> | undefined)
        : base.translate(key, options),
  };
}
