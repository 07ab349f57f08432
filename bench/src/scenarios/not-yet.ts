import type { Scenario, ScenarioRow } from '../types.js';

/** A scenario whose feature or harness has not landed: listed in the table, never skipped. */
export function notYet(id: string, title: string, goal: string, why: string): Scenario {
  return {
    id,
    title,
    run: async (): Promise<ScenarioRow[]> => [
      {
        scenario: title,
        status: 'not yet',
        privacyDesk: '—',
        baseline: '—',
        ratio: null,
        goal,
        met: null,
        metrics: {},
        counts: {},
        notes: [why],
      },
    ],
  };
}
