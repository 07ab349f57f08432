import { defaultTheme, type RaThemeOptions } from 'react-admin';

export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    primary: { main: '#1f4e79' },
    secondary: { main: '#1f4e79' },
    // MUI's default warning and info hues give white chip text, and coloured text on white,
    // less than the 4.5:1 contrast WCAG AA asks for; these darker ones give about 5:1 and more.
    warning: { main: '#b45309', contrastText: '#ffffff' },
    info: { main: '#0369a1', contrastText: '#ffffff' },
  },
  sidebar: { width: 220, closedWidth: 55 },
};
