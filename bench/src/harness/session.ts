import type { DemoAccount } from '../types.js';

export interface Session {
  /** The `Cookie` header value of the signed-in session. */
  cookie: string;
  /** The CSRF token writes made with the cookie must send as `X-CSRF-Token`. */
  csrf: string;
  /** Headers for a read. */
  headers: Record<string, string>;
  /** Headers for a JSON write. */
  writeHeaders: Record<string, string>;
}

/** Signs in through the real login route, as a person would. */
export async function signIn(baseUrl: string, account: DemoAccount): Promise<Session> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(account),
  });
  if (!login.ok) {
    throw new Error(`Sign-in as ${account.email} failed: ${login.status} ${await login.text()}`);
  }
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const me = await fetch(`${baseUrl}/api/auth/me`, { headers: { Cookie: cookie } });
  if (!me.ok) throw new Error(`/api/auth/me after sign-in: ${me.status} ${await me.text()}`);
  const body = (await me.json()) as { csrfToken?: string };
  const csrf = body.csrfToken ?? '';
  return {
    cookie,
    csrf,
    headers: { Cookie: cookie },
    writeHeaders: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
  };
}
