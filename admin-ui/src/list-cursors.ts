import type { GetListParams } from 'react-admin';

type ListParams = Pick<GetListParams, 'pagination' | 'sort' | 'filter'>;

/** How many list views keep their cursor (one per resource, filter, sort and page size). */
const VIEWS_KEPT = 50;

/**
 * Where the next page of a list starts, as the server said in `X-Next-Cursor`. Moving from page
 * N to page N + 1 of the same view then continues after page N's last row (keyset), which costs
 * the same at page 16,000 as at page 2; any other jump is read by offset.
 */
export class ListCursors {
  private readonly views = new Map<string, { page: number; cursor: string }>();

  /** The cursor for this page, when the page before it was the last one read in this view. */
  cursorFor(resource: string, params: ListParams): string | undefined {
    const entry = this.views.get(viewKey(resource, params));
    const page = params.pagination?.page ?? 1;
    return entry && entry.page === page - 1 ? entry.cursor : undefined;
  }

  /** Keeps (or, without one, forgets) the cursor a page's answer gave for the page after it. */
  remember(resource: string, params: ListParams, cursor: string | null): void {
    const key = viewKey(resource, params);
    this.views.delete(key);
    if (!cursor) return;
    this.views.set(key, { page: params.pagination?.page ?? 1, cursor });
    if (this.views.size > VIEWS_KEPT) this.views.delete(this.views.keys().next().value!);
  }

  clear(): void {
    this.views.clear();
  }
}

function viewKey(resource: string, params: ListParams): string {
  return JSON.stringify([
    resource,
    params.sort?.field,
    params.sort?.order,
    params.pagination?.perPage,
    stable(params.filter ?? {}),
  ]);
}

/** The filter with its keys sorted, so that the same filter in another order is the same view. */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, stable((value as Record<string, unknown>)[key])]),
    );
  return value;
}
