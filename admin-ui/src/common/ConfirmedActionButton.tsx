import { useState, type MouseEvent, type ReactElement } from 'react';
import { Button, Confirm, useNotify, useRefresh } from 'react-admin';

interface ConfirmedActionButtonProps {
  label: string;
  icon: ReactElement;
  color: 'error' | 'warning';
  title: string;
  content: string;
  /** The call to make once confirmed. */
  run: () => Promise<unknown>;
  success: string;
  failure: string;
}

/** A button that asks first, then runs one call, says how it went and refreshes the page. */
export const ConfirmedActionButton = ({
  label,
  icon,
  color,
  title,
  content,
  run,
  success,
  failure,
}: ConfirmedActionButtonProps) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      await run();
      notify(success, { type: 'info' });
    } catch (error) {
      notify(error instanceof Error && error.message ? error.message : failure, { type: 'error' });
    } finally {
      setBusy(false);
      setOpen(false);
      refresh();
    }
  };

  return (
    <>
      <Button
        label={label}
        color={color}
        onClick={(event: MouseEvent) => {
          // Inside a clickable list row, the click must not also open the record.
          event.stopPropagation();
          setOpen(true);
        }}
      >
        {icon}
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={title}
        content={content}
        confirm={label}
        confirmColor="warning"
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
