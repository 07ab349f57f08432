import { firstScreenKey, preloadFirstScreen, registerFirstScreen } from './first-screen.js';

describe('firstScreenKey', () => {
  it('names the resource of a list page, with or without its query', () => {
    expect(firstScreenKey('#/requests')).toBe('requests');
    expect(firstScreenKey('#/requests?filter=%7B%7D&page=1')).toBe('requests');
    expect(firstScreenKey('#/legal-process/')).toBe('legal-process');
  });

  it('gives "" for the home page', () => {
    expect(firstScreenKey('')).toBe('');
    expect(firstScreenKey('#/')).toBe('');
    expect(firstScreenKey('#')).toBe('');
  });

  it('gives nothing for a record, a form or a nested page', () => {
    expect(firstScreenKey('#/requests/7f3c/show')).toBeUndefined();
    expect(firstScreenKey('#/requests/create')).toBeUndefined();
    expect(firstScreenKey('#/reports/sla')).toBeUndefined();
  });
});

/** A loader that counts its calls. */
function loader(result: () => Promise<unknown>) {
  const calls = { count: 0 };
  const load = () => {
    calls.count += 1;
    return result();
  };
  return { calls, load };
}

describe('preloadFirstScreen', () => {
  it('starts the loader of the page opened, and only that one', () => {
    const requests = loader(() => Promise.resolve({}));
    const subjects = loader(() => Promise.resolve({}));
    registerFirstScreen('requests', requests.load);
    registerFirstScreen('subjects', subjects.load);
    preloadFirstScreen('#/requests?page=2');
    preloadFirstScreen('#/subjects/12/show');
    expect(requests.calls.count).toBe(1);
    expect(subjects.calls.count).toBe(0);
  });

  it('swallows a failed download (React.lazy asks again)', async () => {
    const failing = loader(() => Promise.reject(new Error('offline')));
    registerFirstScreen('audit', failing.load);
    expect(() => preloadFirstScreen('#/audit')).not.toThrow();
    // An unhandled rejection would fail the test run here.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(failing.calls.count).toBe(1);
  });
});
