import { jest } from '@jest/globals';

import { forgetSession, getSession, loadSession } from './session';

const signedOut = () => new Response(JSON.stringify({ message: 'Not signed in' }), { status: 401 });

describe('the session check', () => {
  const fetchMock = jest.fn<typeof fetch>();
  const realFetch = globalThis.fetch;

  beforeEach(() => {
    forgetSession();
    fetchMock.mockReset();
    fetchMock.mockImplementation(async () => signedOut());
    globalThis.fetch = fetchMock;
  });

  afterAll(() => {
    globalThis.fetch = realFetch;
  });

  it('asks the server once while the login page checks again and again', async () => {
    const answers = await Promise.all([loadSession(), loadSession()]);
    expect(answers).toEqual([null, null]);
    expect(await loadSession()).toBeNull();
    expect(await loadSession()).toBeNull();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/auth/me');
  });

  it('asks again after a sign-out or a 401, and when forced', async () => {
    await loadSession();
    forgetSession();
    await loadSession();
    await loadSession(true);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(getSession()).toBeNull();
  });
});
