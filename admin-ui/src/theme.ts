import { defaultTheme, type RaThemeOptions } from 'react-admin';

export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    primary: { main: '#1f4e79' },
    secondary: { main: '#1f4e79' },
  },
  sidebar: { width: 220, closedWidth: 55 },
};
