import type { Response } from 'supertest';
import { STREAMED_UPLOADS, fieldsOf, startRobustnessDesk } from './support.js';
import type { Caller, RobustnessDesk, Route } from './support.js';

/** No input answers 500, and refused input changes nothing: hostile bodies. */
describe('robustness: hostile bodies', () => {
  let desk: RobustnessDesk;
  let routes: Route[];
  let send: RobustnessDesk['send'];
  let snapshot: RobustnessDesk['snapshot'];
  let changedTables: RobustnessDesk['changedTables'];
  let callerOf: Map<string, Caller>;
  let baseBodies: RobustnessDesk['baseBodies'];

  beforeAll(async () => {
    desk = await startRobustnessDesk();
    ({ routes, send, snapshot, changedTables, baseBodies } = desk);
    callerOf = await desk.probeCallers();
  }, 180_000);
  afterAll(() => desk.close());

  const contractOf = (res: Response) => ({
    status: res.status,
    message: typeof res.body?.message,
    code: res.body?.code,
  });

  it('refuses hostile bodies on every JSON route before they are parsed or stored', async () => {
    const failures: string[] = [];
    let current = await snapshot();
    const check = async (
      what: string,
      res: Response,
      expected: { status: number; code: string } | 'refused' | 'any',
    ) => {
      const after = await snapshot();
      const changed = changedTables(current, after);
      current = after;
      const ok =
        res.status < 500 &&
        (expected === 'any'
          ? true
          : res.status >= 400 &&
            typeof res.body?.message === 'string' &&
            typeof res.body?.code === 'string' &&
            (expected === 'refused' ||
              (res.status === expected.status && res.body.code === expected.code)));
      if (!ok)
        failures.push(`${what}: ${JSON.stringify(contractOf(res))} ${res.text.slice(0, 200)}`);
      // A refusal changes nothing (a failed sign-in may count the failure).
      if (res.status >= 400 && changed.length > 0 && !what.includes('/api/auth/login'))
        failures.push(`${what}: answered ${res.status} but changed ${changed.join(', ')}`);
    };

    const json = (caller: Caller, route: Route, text: string, type = 'application/json') =>
      send(caller, route.method, route.path).set('Content-Type', type).send(text);

    for (const route of routes.filter(
      (r) => r.method !== 'get' && !r.template.startsWith('/privacy'),
    )) {
      const caller = callerOf.get(route.path) ?? 'admin';
      const at = `${route.method.toUpperCase()} ${route.path}`;
      if (STREAMED_UPLOADS.has(route.template)) {
        // A mailing list arrives as CSV or NDJSON and is streamed to disk: JSON is no body here.
        for (const [name, text] of [
          ['nested 5000 deep', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
          ['malformed JSON', '{"a": 1,,}'],
          ['a JSON object', '{"email":"a@example.com"}'],
        ] as const)
          await check(`${at} ${name}`, await json(caller, route, text), {
            status: 415,
            code: 'unsupported_media_type',
          });
        continue;
      }
      const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
      await check(`${at} nested 5000 deep`, await json(caller, route, deep(5000)), {
        status: 400,
        code: 'too_deeply_nested',
      });
      await check(`${at} nested 33 deep`, await json(caller, route, deep(33)), {
        status: 400,
        code: 'too_deeply_nested',
      });
      await check(
        `${at} arrays 100000 deep`,
        await json(caller, route, `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
        { status: 400, code: 'too_deeply_nested' },
      );
      await check(`${at} malformed JSON`, await json(caller, route, '{"a": 1,,}'), {
        status: 400,
        code: 'bad_request',
      });
      await check(`${at} text/plain`, await json(caller, route, '{"a":1}', 'text/plain'), {
        status: 415,
        code: 'unsupported_media_type',
      });
      await check(
        `${at} a form body`,
        await json(caller, route, 'a=1', 'application/x-www-form-urlencoded'),
        { status: 415, code: 'unsupported_media_type' },
      );
      await check(
        `${at} UTF-16 JSON`,
        await json(
          caller,
          route,
          Buffer.from('{"a":1}', 'utf16le') as unknown as string,
          'application/json; charset=utf-16le',
        ),
        { status: 415, code: 'unsupported_media_type' },
      );
      await check(
        `${at} over 1 MB`,
        await json(caller, route, JSON.stringify({ a: 'y'.repeat(1_100_000) })),
        { status: 413, code: 'payload_too_large' },
      );
      if (!route.body) continue;

      // From here the body is valid JSON, so each must reach validation and be refused there.
      const base = baseBodies[`${route.method} ${route.template}`]?.() ?? {};
      const raw = (text: string) => json(caller, route, text);
      for (const [name, text] of [
        ['a NUL in a field name', JSON.stringify({ ...base, 'x\u0000': 1 })],
        ['a lone surrogate in a field name', JSON.stringify({ ...base, '\ud800': 1 })],
        ['a __proto__ field', `{"__proto__":{"role":"admin"},${JSON.stringify(base).slice(1)}`],
        ['a constructor field', JSON.stringify({ ...base, constructor: { prototype: {} } })],
        ['an array', JSON.stringify([base])],
        ['a string', '"text"'],
        ['null', 'null'],
      ] as const) {
        await check(`${at} with ${name}`, await raw(text), 'refused');
      }
      for (const field of fieldsOf(route.body)) {
        for (const [name, value] of [
          ['a lone surrogate', 'x\ud800y'],
          ['a NUL', 'x\u0000y'],
          ['an escape character', 'x\u001by'],
        ] as const) {
          const res = await raw(JSON.stringify({ ...base, [field]: value }));
          await check(`${at} ${field}=${name}`, res, { status: 422, code: 'validation_failed' });
          if (res.status === 422 && typeof res.body?.errors?.[field] !== 'string')
            failures.push(`${at} ${field}=${name}: the error does not name ${field}: ${res.text}`);
        }
        await check(
          `${at} ${field}={"$ne":1}`,
          await raw(JSON.stringify({ ...base, [field]: { $ne: 1 } })),
          'refused',
        );
        await check(
          `${at} ${field}=1e20`,
          await raw(JSON.stringify({ ...base, [field]: 1e20 })),
          'refused',
        );
        // null is refused, or means "clear" where the column may be empty: never a crash.
        await check(
          `${at} ${field}=null`,
          await raw(JSON.stringify({ ...base, [field]: null })),
          'any',
        );
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
