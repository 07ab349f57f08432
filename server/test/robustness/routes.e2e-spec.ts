import { startRobustnessDesk } from './support.js';
import type { Caller, RobustnessDesk, Route } from './support.js';

/**
 * The routes the other robustness specs walk: every list and JSON write, found from the Nest
 * router, each reaching validation, and each action route called with its real action names.
 */
describe('robustness: finds every list and JSON write, with the real action names', () => {
  let desk: RobustnessDesk;
  let routes: Route[];
  let callerOf: Map<string, Caller>;
  let baseBodies: RobustnessDesk['baseBodies'];
  let send: RobustnessDesk['send'];

  beforeAll(async () => {
    desk = await startRobustnessDesk();
    ({ routes, baseBodies, send } = desk);
    callerOf = await desk.probeCallers();
  }, 180_000);
  afterAll(() => desk.close());

  it('finds the lists and the JSON writes, and reaches the validation of every write', () => {
    expect(routes.filter((r) => r.list).length).toBeGreaterThanOrEqual(7);
    const writes = routes.filter((r) => r.body);
    expect(writes.length).toBeGreaterThan(20);
    expect(writes.filter((r) => !callerOf.has(r.path)).map((r) => r.path)).toEqual([]);
    // A new write route needs a base body here, so that its hostile variants reach validation.
    expect(
      writes
        .map((r) => `${r.method} ${r.template}`)
        .filter((key) => !key.startsWith('post /privacy') && !baseBodies[key]),
    ).toEqual([]);
  });

  it('calls each action route with every action name it takes, and each reaches the action', async () => {
    const actionRoutes = routes.filter((r) => r.template.endsWith('/actions/:action'));
    const templates = [...new Set(actionRoutes.map((r) => r.template))].sort();
    expect(templates).toEqual([
      '/api/legal-process/:id/actions/:action',
      '/api/requests/:id/actions/:action',
      '/api/violations/:id/actions/:action',
    ]);
    const failures: string[] = [];
    for (const template of templates) {
      const calls = actionRoutes.filter((r) => r.template === template);
      const names = calls.map((r) => r.path.split('/').pop());
      expect({ template, names }).toEqual({ template, names: calls[0]!.actions });
      const body = baseBodies[`post ${template}`]!();
      for (const route of calls) {
        // A valid body, so the answer is about the action: never "action must be one of".
        const res = await send(callerOf.get(route.path)!, 'post', route.path).send(body);
        if (res.status >= 500 || res.body?.errors?.action !== undefined)
          failures.push(`${route.path}: ${res.status} ${res.text.slice(0, 200)}`);
      }
      // The same call with a name the route does not take is refused, naming the action.
      const [first] = calls;
      const bogus = first!.path.replace(/[^/]+$/, 'no_such_action');
      const refused = await send(callerOf.get(first!.path)!, 'post', bogus).send(body);
      expect({ template, status: refused.status, errors: refused.body.errors }).toEqual({
        template,
        status: 422,
        errors: { action: expect.stringMatching(/^Action must be one of: [A-Z].*\.$/) },
      });
    }
    expect(failures).toEqual([]);
  });
});
