// One user action at a time: `run(action)` marks the form busy while it runs and keeps the server's refusal
// (a BidwireError, shown by <ErrorMessage>) until the next action starts.
import { useState } from 'react';

export function useAction() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    setBusy(true);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return { error, setError, busy, setBusy, run };
}
