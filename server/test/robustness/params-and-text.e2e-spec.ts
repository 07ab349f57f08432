import type { TestApp } from '../support/test-app.js';
import { startRobustnessDesk } from './support.js';
import type { RobustnessDesk, Route } from './support.js';

/** No input answers 500, and refused input changes nothing: odd parameters, empty fields and the text rule. */
describe('robustness: odd parameters, empty fields and the text rule', () => {
  let desk: RobustnessDesk;
  let routes: Route[];
  let send: RobustnessDesk['send'];
  let snapshot: RobustnessDesk['snapshot'];
  let changedTables: RobustnessDesk['changedTables'];
  let sessions: RobustnessDesk['sessions'];
  let ids: RobustnessDesk['ids'];
  let baseBodies: RobustnessDesk['baseBodies'];
  let testApp: TestApp;

  beforeAll(async () => {
    desk = await startRobustnessDesk();
    ({ routes, send, snapshot, changedTables, sessions, ids, baseBodies, testApp } = desk);
  }, 180_000);
  afterAll(() => desk.close());

  it('answers odd route parameters and query values with a 4xx, never a 500', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    const templates = [...new Set(routes.filter((r) => r.method === 'get').map((r) => r.template))];
    for (const template of templates) {
      const values = template.includes(':')
        ? [
            '99999999999999999999',
            '-1',
            '1.5',
            '0x10',
            '%00',
            '%ED%A0%80',
            'constructor',
            '__proto__',
            encodeURIComponent('😀'),
          ]
        : [''];
      for (const value of values) {
        const path = template.replace(/:\w+/g, value);
        for (const query of [
          {},
          { token: '\u0000' },
          { q: 'x\u0000', sort: 'x', range: '1', filter: '1' },
        ]) {
          const res = await send('admin', 'get', path).query(query);
          const res2 = await send('compliance_officer', 'get', path).query(query);
          for (const r of [res, res2])
            if (r.status >= 500)
              failures.push(
                `GET ${path} ${JSON.stringify(query)}: ${r.status} ${r.text.slice(0, 200)}`,
              );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(changedTables(before, await snapshot())).toEqual([]);
  }, 120_000);

  it('refuses null for a field that cannot be empty, and clears one that can', async () => {
    const { admin, staff } = sessions;
    const user = await admin.agent.get(`/api/users/${ids.user}`).expect(200);
    const before = await snapshot();
    for (const field of ['name', 'role', 'active']) {
      const res = await admin.agent
        .put(`/api/users/${ids.user}`)
        .set(admin.csrf)
        .send({ [field]: null, version: user.body.version });
      expect({ field, status: res.status, code: res.body.code, errors: res.body.errors }).toEqual({
        field,
        status: 422,
        code: 'validation_failed',
        errors: { [field]: expect.stringContaining('must not be empty') },
      });
    }
    const subject = await staff.agent.get(`/api/subjects/${ids.subject}`).expect(200);
    for (const field of ['name', 'email']) {
      const res = await staff.agent
        .put(`/api/subjects/${ids.subject}`)
        .set(staff.csrf)
        .send({ [field]: null, version: subject.body.version });
      expect({ field, status: res.status, errors: res.body.errors }).toEqual({
        field,
        status: 422,
        errors: { [field]: expect.any(String) },
      });
    }
    expect(changedTables(before, await snapshot())).toEqual([]);

    const withCity = await staff.agent
      .put(`/api/subjects/${ids.subject}`)
      .set(staff.csrf)
      .send({ city: 'Bonn', version: subject.body.version })
      .expect(200);
    const cleared = await staff.agent
      .put(`/api/subjects/${ids.subject}`)
      .set(staff.csrf)
      .send({ city: null, version: withCity.body.version })
      .expect(200);
    expect(cleared.body.city).toBeNull();
  });

  it('keeps tab and line breaks in multi-line fields only', async () => {
    const { staff } = sessions;
    const note = await staff.agent
      .post(`/api/requests/${ids.request}/notes`)
      .set(staff.csrf)
      .send({ body: 'Called back:\r\n\tleft a message' });
    expect(note.status).toBe(201);
    const before = await snapshot();
    const name = await staff.agent
      .post('/api/subjects')
      .set(staff.csrf)
      .send({ name: 'Two\nLines', email: 'two.lines@example.com' });
    expect([name.status, name.body.code, name.body.errors]).toEqual([
      422,
      'validation_failed',
      { name: 'Name must not contain control characters.' },
    ]);
    const bell = await staff.agent
      .post(`/api/requests/${ids.request}/notes`)
      .set(staff.csrf)
      .send({ body: 'ring \u0007' });
    expect([bell.status, bell.body.errors]).toEqual([
      422,
      { body: 'The request must not contain control characters other than tab and line breaks.' },
    ]);
    const nested = await staff.agent
      .post('/api/requests')
      .set(staff.csrf)
      .send({
        ...baseBodies['post /api/requests']!(),
        kind: 'correction',
        payload: { corrections: [{ field: 'name', requestedValue: 'Jane \ud800 Roe' }] },
      });
    expect([nested.status, nested.body.errors]).toEqual([
      422,
      { 'payload.corrections.0.requestedValue': 'Correct value must be valid Unicode text.' },
    ]);
    expect(changedTables(before, await snapshot())).toEqual([]);
  });

  it('applies the same rule to the public HTML form', async () => {
    const form = {
      kind: 'correction',
      requesterName: 'Lee Doe',
      requesterEmail: 'lee@example.com',
      correctionField: 'name',
      details: 'Lee Doe',
    };
    const post = (values: Record<string, string>) =>
      testApp.http().post('/privacy').type('form').send(values);
    const before = await snapshot();
    for (const [field, value] of [
      ['requesterName', 'Lee\u0000Doe'],
      ['requesterName', 'Lee\u001bDoe'],
      ['requesterName', 'Lee\nDoe'],
      ['requesterEmail', 'lee\u0000@example.com'],
      ['details', 'Lee\u0000Doe'],
      ['details', 'Lee\u0007Doe'],
    ] as const) {
      const res = await post({ ...form, [field]: value });
      expect({ field, value, status: res.status, type: res.type }).toEqual({
        field,
        value,
        status: 422,
        type: 'text/html',
      });
      expect(res.text).toMatch(/must not contain control characters/);
    }
    expect(changedTables(before, await snapshot())).toEqual([]);
    // Line breaks in the multi-line details are fine.
    const ok = await post({ ...form, details: 'Lee\r\nDoe' });
    expect(ok.status).toBe(200);
  });
});
