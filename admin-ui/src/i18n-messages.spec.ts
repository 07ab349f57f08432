import type { I18nProvider } from 'react-admin';

import { CONSOLE_MESSAGES, withConsoleMessages } from './i18n-messages.js';

const base: I18nProvider = {
  translate: (key) => `base:${key}`,
  changeLocale: () => Promise.resolve(),
  getLocale: () => 'en',
};

describe('the console’s own words over react-admin’s', () => {
  const i18n = withConsoleMessages(base);

  it('says the Not Found message with one full stop (the page adds it)', () => {
    const shown = `${i18n.translate('ra.message.not_found')}.`;
    expect(shown).toBe('This page does not exist. Check the address, or go back.');
    expect(shown).not.toMatch(/\.\.$/);
    expect(i18n.translate('ra.page.not_found')).toBe('Page not found');
  });

  it('never shows developer words such as "Element" or "dataProvider"', () => {
    for (const message of Object.values(CONSOLE_MESSAGES))
      expect(message).not.toMatch(/element|dataProvider|console/i);
    expect(i18n.translate('ra.notification.data_provider_error')).toBe(
      'Something went wrong. Try again.',
    );
  });

  it('picks the plural form by count and fills in the count', () => {
    expect(i18n.translate('ra.notification.updated', { smart_count: 1 })).toBe('Saved');
    expect(i18n.translate('ra.notification.deleted', { smart_count: 3 })).toBe('3 records deleted');
  });

  it('leaves every other message to react-admin', () => {
    expect(i18n.translate('ra.action.back')).toBe('base:ra.action.back');
  });
});
