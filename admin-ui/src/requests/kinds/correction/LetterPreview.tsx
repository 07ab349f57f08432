import { Box, Button, Typography } from '@mui/material';
import { useState } from 'react';
import { useNotify } from 'react-admin';

import { describeRequestError } from '../../errors';

/** The completion letter as it would go out now, rendered by the server; nothing is sent. */
export const LetterPreview = ({
  load,
}: {
  load: () => Promise<{ subject: string; body: string }>;
}) => {
  const notify = useNotify();
  const [letter, setLetter] = useState<{ subject: string; body: string } | null>(null);
  const show = async () => {
    try {
      setLetter(await load());
    } catch (error) {
      notify(describeRequestError(error, 'The letter could not be previewed'), { type: 'error' });
    }
  };
  return (
    <Box>
      <Button size="small" onClick={show}>
        {letter ? 'Refresh letter preview' : 'Preview the completion letter'}
      </Button>
      {letter ? (
        <Box
          data-testid="correction-letter"
          sx={{ mt: 1, p: 2, border: 1, borderColor: 'divider', borderRadius: 1 }}
        >
          <Typography variant="subtitle2">{letter.subject}</Typography>
          <Typography variant="body2" component="pre" sx={{ whiteSpace: 'pre-wrap', m: 0 }}>
            {letter.body}
          </Typography>
        </Box>
      ) : null}
    </Box>
  );
};
