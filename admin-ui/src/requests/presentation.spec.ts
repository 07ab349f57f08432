import { REQUEST_ACTIONS, REQUEST_TRANSITIONS } from '@privacy-desk/shared';

import {
  actionPresentation,
  deadlineColor,
  deadlineLabel,
  kindLabel,
  localToday,
  statusLabel,
  viewsFor,
} from './presentation.js';

describe('request presentation', () => {
  it('labels kinds and statuses from the shared vocabulary, and passes unknown values through', () => {
    expect(kindLabel('correction')).toBe('Correction');
    expect(statusLabel('completed')).toBe('Completed');
    expect(statusLabel('awaiting_requester')).toBe('Waiting for the requester');
    expect(statusLabel('something_new')).toBe('something_new');
    expect(kindLabel('constructor')).toBe('constructor');
  });

  it('colours deadlines: overdue red, due soon amber', () => {
    expect(deadlineColor('overdue')).toBe('error');
    expect(deadlineColor('due_soon')).toBe('warning');
    expect(deadlineColor('on_track')).toBe('success');
    expect(deadlineColor(null)).toBe('default');
    expect(deadlineLabel(null)).toBe('Closed');
  });

  it('asks, in a dialog, for exactly the field each transition requires', () => {
    for (const transition of REQUEST_TRANSITIONS) {
      const presentation = actionPresentation(transition.action);
      if (transition.allowedBy === 'requester') continue;
      expect(presentation.field ? [presentation.field] : []).toEqual([...transition.requires]);
    }
    for (const action of REQUEST_ACTIONS) expect(actionPresentation(action).label).toBeTruthy();
  });

  it('offers "My queue" only to those who process requests', () => {
    expect(viewsFor(true).map((view) => view.value)).toEqual([
      'mine',
      'unassigned',
      'overdue',
      'due_soon',
      'all',
    ]);
    expect(viewsFor(false).map((view) => view.value)).not.toContain('mine');
  });

  it("gives today's date where the browser is", () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
