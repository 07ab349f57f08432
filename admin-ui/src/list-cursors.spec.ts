import { ListCursors } from './list-cursors';

const view = (page: number, filter: Record<string, unknown> = { status: 'completed', q: 'x' }) => ({
  pagination: { page, perPage: 25 },
  sort: { field: 'receivedAt', order: 'DESC' as const },
  filter,
});

describe('ListCursors', () => {
  it('gives page N + 1 the cursor page N answered with, in the same view only', () => {
    const cursors = new ListCursors();
    cursors.remember('requests', view(3), 'after-page-3');
    expect(cursors.cursorFor('requests', view(4))).toBe('after-page-3');
    // The same filter with its keys in another order is the same view.
    expect(cursors.cursorFor('requests', view(4, { q: 'x', status: 'completed' }))).toBe(
      'after-page-3',
    );
    // A jump, going back, another filter, sort, page size or resource: read by offset.
    expect(cursors.cursorFor('requests', view(5))).toBeUndefined();
    expect(cursors.cursorFor('requests', view(3))).toBeUndefined();
    expect(cursors.cursorFor('requests', view(4, { status: 'new' }))).toBeUndefined();
    expect(
      cursors.cursorFor('requests', { ...view(4), sort: { field: 'dueAt', order: 'DESC' } }),
    ).toBeUndefined();
    expect(
      cursors.cursorFor('requests', { ...view(4), pagination: { page: 4, perPage: 50 } }),
    ).toBeUndefined();
    expect(cursors.cursorFor('disclosures', view(4))).toBeUndefined();
  });

  it('follows the latest page read, and forgets the cursor when an answer has none', () => {
    const cursors = new ListCursors();
    cursors.remember('requests', view(3), 'after-page-3');
    cursors.remember('requests', view(4), 'after-page-4');
    expect(cursors.cursorFor('requests', view(5))).toBe('after-page-4');
    expect(cursors.cursorFor('requests', view(4))).toBeUndefined();
    // The last page (not full) has no cursor: the page after it is read by offset.
    cursors.remember('requests', view(5), null);
    expect(cursors.cursorFor('requests', view(6))).toBeUndefined();
  });

  it('keeps a bounded number of views, the oldest forgotten first', () => {
    const cursors = new ListCursors();
    for (let i = 0; i < 51; i++) cursors.remember('requests', view(1, { n: i }), `c${i}`);
    expect(cursors.cursorFor('requests', view(2, { n: 0 }))).toBeUndefined();
    expect(cursors.cursorFor('requests', view(2, { n: 50 }))).toBe('c50');
  });
});
