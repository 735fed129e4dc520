// A server error as a readable sentence (the BidwireError's message), announced to screen readers.
import { errorMessage } from '@bidwire/react';

export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {errorMessage(error)}
    </p>
  );
}
