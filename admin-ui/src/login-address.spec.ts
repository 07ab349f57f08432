import { loginAddress } from './login-address';

describe('loginAddress', () => {
  it('sends a signed-out load of a page to the login page, remembering the page', () => {
    expect(loginAddress('#/requests?filter=%7B%7D')).toEqual({
      hash: '#/login',
      state: {
        usr: { nextPathname: '/requests', nextSearch: '?filter=%7B%7D' },
        key: 'default',
        idx: 0,
      },
    });
  });

  it('sends the home page there too', () => {
    expect(loginAddress('')?.state.usr.nextPathname).toBe('/');
    expect(loginAddress('#/')?.state.usr.nextPathname).toBe('/');
  });

  it('leaves the login page as it is', () => {
    expect(loginAddress('#/login')).toBeUndefined();
  });
});
