import { fieldsOf, startRobustnessDesk } from './support.js';
import type { RobustnessDesk, Route } from './support.js';

/**
 * The integration API with a valid API key: hostile bodies get past the guard and are refused
 * by validation, in react-admin's shape, without a row changed.
 */
describe('robustness: hostile bodies on the intake API reach validation', () => {
  let desk: RobustnessDesk;
  let intake: Route;

  beforeAll(async () => {
    desk = await startRobustnessDesk();
    intake = desk.routes.find((r) => r.method === 'post' && r.path === '/api/intake/requests')!;
  }, 180_000);
  afterAll(() => desk.close());

  const post = (body: unknown) =>
    desk.send('api_key', 'post', '/api/intake/requests').send(body as object);

  it('takes a valid body with the key, and refuses one without it', async () => {
    expect(intake.body).toBeDefined();
    const body = desk.baseBodies['post /api/intake/requests']!();
    const anonymous = await desk.testApp.http().post('/api/intake/requests').send(body);
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'unauthenticated']);
    expect((await post(body)).status).toBe(201);
  });

  it('refuses each hostile field with a 422 naming it, and changes nothing', async () => {
    const base = desk.baseBodies['post /api/intake/requests']!();
    const fields = fieldsOf(intake.body!);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'requesterName', 'requesterEmail']));
    const before = await desk.snapshot();
    const failures: string[] = [];
    const cases: [string, Record<string, unknown>, string][] = [
      ['an unknown field', { ...base, role: 'admin' }, 'role'],
      ['a constructor field', { ...base, constructor: { prototype: {} } }, 'constructor'],
    ];
    for (const field of fields) {
      for (const [name, value] of [
        ['a lone surrogate', 'x\ud800y'],
        ['a NUL', 'x\u0000y'],
        ['an escape character', 'x\u001by'],
        ['an operator object', { $ne: 1 }],
        ['a huge number', 1e20],
      ] as const) {
        cases.push([`${field}=${name}`, { ...base, [field]: value }, field]);
      }
    }
    for (const [what, body, field] of cases) {
      const res = await post(body);
      const errors = (res.body?.errors ?? {}) as Record<string, unknown>;
      const shaped =
        res.status === 422 &&
        res.body.code === 'validation_failed' &&
        typeof res.body.message === 'string' &&
        Object.values(errors).every((message) => typeof message === 'string') &&
        Object.keys(errors).some((key) => key === field || key.startsWith(`${field}.`));
      if (!shaped) failures.push(`${what}: ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThan(20);
    expect(desk.changedTables(before, await desk.snapshot())).toEqual([]);
  });
});
