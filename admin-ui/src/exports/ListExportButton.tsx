import DownloadIcon from '@mui/icons-material/Download';
import { isExportList, type ExportSettingsDto } from '@privacy-desk/shared';
import { useState } from 'react';
import { Button, useCanAccess, useListContext, useNotify } from 'react-admin';

import { API_URL, apiFetch, toHttpError } from '../api';

/** Saves a downloaded file under the name the server gave it. */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Exports the list as it is on screen (its filter and sort, every page) as CSV. Up to the
 * server's threshold the file downloads at once (`format=csv`); above it the export runs in
 * the background and waits on the Exports page. Shown only with `reports.export`.
 */
export const ListExportButton = () => {
  const { resource, filterValues, sort, total } = useListContext();
  const { canAccess } = useCanAccess({ resource, action: 'export' });
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (!canAccess || !isExportList(resource)) return null;

  const exportList = async () => {
    setBusy(true);
    try {
      const filter = JSON.stringify(filterValues ?? {});
      const order = JSON.stringify([sort.field, sort.order]);
      const { backgroundThreshold } = await apiFetch<ExportSettingsDto>('/exports/settings');
      if ((total ?? 0) > backgroundThreshold) {
        await apiFetch('/exports', {
          method: 'POST',
          body: { list: resource, filter, sort: order },
        });
        notify(
          `This list has ${total} rows, so it is exported in the background. Find the file on the Exports page.`,
          { type: 'info' },
        );
        return;
      }
      const query = new URLSearchParams({ format: 'csv', filter, sort: order });
      const response = await fetch(`${API_URL}/${resource}?${query.toString()}`, {
        credentials: 'same-origin',
      });
      if (!response.ok) {
        const body: unknown = await response.json().catch(() => undefined);
        throw toHttpError(response.status, response.statusText, body);
      }
      const name =
        /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
        `${resource}.csv`;
      saveBlob(await response.blob(), name);
    } catch (error) {
      notify(error instanceof Error ? error.message : 'The export failed', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button label="Export" onClick={() => void exportList()} disabled={busy}>
      <DownloadIcon />
    </Button>
  );
};
