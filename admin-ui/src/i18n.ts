import { defaultI18nProvider } from 'react-admin';

import { withConsoleMessages } from './i18n-messages';

export const i18nProvider = withConsoleMessages(defaultI18nProvider);
