/** Addresses a signed-out browser may open as they are. */
const OPEN_WITHOUT_SESSION = new Set(['/login']);

/**
 * Where a signed-out page load at `hash` goes instead: the login page, with the address it asked
 * for as react-router's location state (react-admin's login returns there). Undefined when the
 * address needs no session.
 */
export function loginAddress(hash: string):
  | {
      hash: string;
      state: { usr: { nextPathname: string; nextSearch: string }; key: string; idx: number };
    }
  | undefined {
  const address = hash.replace(/^#/, '') || '/';
  const queryAt = address.indexOf('?');
  const pathname = queryAt === -1 ? address : address.slice(0, queryAt);
  const search = queryAt === -1 ? '' : address.slice(queryAt);
  if (OPEN_WITHOUT_SESSION.has(pathname)) return undefined;
  return {
    hash: '#/login',
    state: { usr: { nextPathname: pathname, nextSearch: search }, key: 'default', idx: 0 },
  };
}
