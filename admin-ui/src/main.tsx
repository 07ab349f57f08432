import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import { loadSession } from './auth/session';
import { dataProvider } from './dataProvider';
import { prefetchFirstList } from './first-list';
import { preloadFirstScreen } from './first-screen';
import { watchRowCheckboxes } from './layout/row-checkbox-labels';
import { loginAddress } from './login-address';
import { queryClient } from './query-client';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');

// Fetch the code of the screen the address opens on while /api/auth/me answers: react-admin's
// checkAuth shares that one call (session.ts), and React.lazy the screen's download.
preloadFirstScreen(window.location.hash);
watchRowCheckboxes(document);

/**
 * A signed-out page load starts on the login page, remembering where it was going. Left to
 * react-admin, the signed-out app would first mount, log out and move to the login page in a
 * transition, and the session check answering from memory restarts that round faster than the
 * move finishes (before that cache, each round asked the server again: three or more 401s).
 */
async function start(root: HTMLElement): Promise<void> {
  const session = await loadSession().catch(() => undefined);
  if (session === null) {
    const login = loginAddress(window.location.hash);
    if (login) window.history.replaceState(login.state, '', login.hash);
  } else if (session) {
    prefetchFirstList(queryClient, dataProvider, window.location.hash);
  }
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start(container);
