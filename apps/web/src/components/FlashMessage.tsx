import { useState } from 'react';
import { flash } from '../lib/flash';
import { Alert } from './Alert';

/** The message the previous page left (e.g. "task completed"), shown once where the person lands. */
export function FlashMessage() {
  const [message] = useState(flash.take);
  if (!message) return null;
  return (
    <Alert tone="success" title="Erledigt">
      <p data-testid="bestaetigung">{message}</p>
    </Alert>
  );
}
