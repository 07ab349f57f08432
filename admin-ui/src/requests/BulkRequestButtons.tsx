import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import {
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
} from '@mui/material';
import { createContext, useContext, useId, useState, type ReactNode } from 'react';
import { isDenialReason } from '@privacy-desk/shared';
import { Button, useCanAccess, useListContext, useRefresh, useUnselectAll } from 'react-admin';

import { useAppDataProvider, type BulkResult, type RequestRecord } from '../dataProvider';
import { describeRequestError } from './errors';
import { DENIAL_CHOICE } from './denial-choice';
import { FieldDialog } from './FieldDialog';

/** What happened to each selected request; some may succeed while others are refused. */
const BulkResultsDialog = ({
  title,
  results,
  referenceOf,
  onClose,
}: {
  title: string;
  results: BulkResult[];
  referenceOf: (id: string) => string;
  onClose: () => void;
}) => {
  const titleId = useId();
  const failed = results.filter((result) => !result.ok).length;
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth>
      <DialogTitle id={titleId}>
        {title}: {results.length - failed} done
        {failed ? `, ${failed} refused` : ''}
      </DialogTitle>
      <DialogContent>
        <List dense aria-label="Results" data-testid="bulk-results">
          {results.map((result) => (
            <ListItem key={result.id} data-ok={result.ok ? 'true' : 'false'}>
              <ListItemIcon>
                {result.ok ? <CheckCircleIcon color="success" /> : <ErrorIcon color="error" />}
              </ListItemIcon>
              <ListItemText
                primary={referenceOf(result.id)}
                secondary={result.ok ? 'Done' : result.error.message}
              />
            </ListItem>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        <MuiButton variant="contained" onClick={onClose}>
          Close
        </MuiButton>
      </DialogActions>
    </Dialog>
  );
};

interface BulkOutcome {
  title: string;
  results: BulkResult[];
  references: Map<string, string>;
}

const BulkOutcomeContext = createContext<((outcome: BulkOutcome) => void) | null>(null);

/**
 * Holds the results of the last bulk action and shows them. It wraps the list: the bulk
 * toolbar disappears when the selection is cleared, or when the list is left empty by the
 * action, and the results must outlive it.
 */
export const BulkResultsProvider = ({ children }: { children: ReactNode }) => {
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  return (
    <BulkOutcomeContext.Provider value={setOutcome}>
      {children}
      {outcome ? (
        <BulkResultsDialog
          title={outcome.title}
          results={outcome.results}
          referenceOf={(id) => outcome.references.get(id) ?? id}
          onClose={() => setOutcome(null)}
        />
      ) : null}
    </BulkOutcomeContext.Provider>
  );
};

/** Runs a bulk call on the selection, then shows the per-request results and clears it. */
function useBulkRun(title: string) {
  const { selectedIds, data, resource } = useListContext<RequestRecord>();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll(resource);
  const showOutcome = useContext(BulkOutcomeContext);

  const run = async (call: (ids: string[]) => Promise<BulkResult[]>) => {
    // References now: after the refresh some rows may have left the list.
    const references = new Map((data ?? []).map((record) => [String(record.id), record.reference]));
    let results: BulkResult[];
    try {
      results = await call(selectedIds.map(String));
    } catch (error) {
      throw new Error(describeRequestError(error, `${title} failed`), { cause: error });
    }
    showOutcome?.({ title, results, references });
    unselectAll();
    refresh();
  };

  return { selectedIds, run };
}

/** Managers: hand the selected requests to one member of staff. */
export const BulkAssignButton = () => {
  const { canAccess } = useCanAccess({ resource: 'requests', action: 'assign' });
  const dataProvider = useAppDataProvider();
  const { selectedIds, run } = useBulkRun('Assign');
  const [open, setOpen] = useState(false);
  if (!canAccess) return null;
  return (
    <>
      <Button label="Assign to…" onClick={() => setOpen(true)}>
        <AssignmentIndIcon />
      </Button>
      <FieldDialog
        open={open}
        title={`Assign ${selectedIds.length} request${selectedIds.length === 1 ? '' : 's'}`}
        input="assignee"
        confirm="Assign"
        onSubmit={async (assigneeId) => {
          await run((ids) => dataProvider.bulkAssignRequests(ids, assigneeId));
          setOpen(false);
        }}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

/** Staff: reject the selected requests with one reason (emailed to each requester). */
export const BulkRejectButton = () => {
  const { canAccess } = useCanAccess({ resource: 'requests', action: 'bulkReject' });
  const dataProvider = useAppDataProvider();
  const { selectedIds, run } = useBulkRun('Reject');
  const [open, setOpen] = useState(false);
  if (!canAccess) return null;
  return (
    <>
      <Button label="Reject" onClick={() => setOpen(true)} color="error">
        <BlockIcon />
      </Button>
      <FieldDialog
        open={open}
        title={`Reject ${selectedIds.length} request${selectedIds.length === 1 ? '' : 's'}`}
        input="text"
        fieldLabel="Reason"
        help="Emailed to each requester. Requests that can no longer be rejected are left as they are."
        confirm="Reject"
        choice={DENIAL_CHOICE}
        onSubmit={async (reason, grounds) => {
          const denialReason = isDenialReason(grounds) ? grounds : undefined;
          await run((ids) => dataProvider.bulkRejectRequests(ids, reason, denialReason));
          setOpen(false);
        }}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
