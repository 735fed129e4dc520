// Create an auction (it starts as scheduled; the owner starts it from its console).
import { useBidwireRest } from '@bidwire/react';
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { ErrorMessage } from '../components/error-message.js';

export function CreateAuction() {
  const rest = useBidwireRest();
  const [, navigate] = useLocation();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const auction = await rest.createAuction({ body: { title, ...(description.trim() ? { description } : {}) } });
      navigate(`/room/${auction.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <form className="panel stack narrow" onSubmit={submit}>
      <h1>New auction</h1>
      <label>
        Title
        <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        <span>
          Description <span className="muted">(optional)</span>
        </span>
        <textarea maxLength={5000} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy}>
        Create auction
      </button>
    </form>
  );
}
