// The room's comments, newest first, and a box to post one.
import type { AuctionView } from '@bidwire/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../components/error-message.js';
import { formatTime } from '../../format.js';

export function Comments({ a }: { a: AuctionView }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const canPost = a.status === 'joined' && a.auction?.status === 'live';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await a.postComment(text);
      setText('');
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="panel stack comments" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments</h2>
      {canPost && (
        <form className="row" onSubmit={submit}>
          <label className="grow">
            <span className="visually-hidden">Comment</span>
            <input placeholder="Say something…" maxLength={500} required value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <button type="submit">Post</button>
        </form>
      )}
      <ErrorMessage error={error} />
      {a.recentComments.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        <ul className="comment-list">
          {a.recentComments.map((c) => (
            <li key={c.id}>
              <strong>{c.user.name}</strong> {c.text} <time dateTime={c.createdAt}>{formatTime(c.createdAt)}</time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
