// Chat: my conversations with unread counts and presence dots, and the open conversation with typing,
// read receipts, optimistic sends and older history.
import { useBidwireUser, useConversation, useConversations, usePresence } from '@bidwire/react';
import type { Conversation, PublicUser } from '@bidwire/sdk';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link } from 'wouter';
import { ErrorMessage } from '../components/error-message.js';
import { PresenceDot } from '../components/presence-dot.js';
import { formatTime } from '../format.js';

const others = (c: Conversation, me: string | undefined): PublicUser[] => c.participants.filter((p) => p.id !== me);
const titleOf = (c: Conversation, me: string | undefined) => c.title ?? (others(c, me).map((p) => p.name).join(', ') || 'Just you');

export function Chat({ id }: { id?: string | undefined }) {
  const me = useBidwireUser();
  const list = useConversations();
  const people = usePresence(list.conversations.flatMap((c) => others(c, me?.id).map((p) => p.id)));

  return (
    <div className="chat">
      <nav className="panel conversation-list" aria-label="Conversations">
        <h1>Chat</h1>
        <ErrorMessage error={list.error} />
        {list.status === 'loading' && <p className="muted">Loading…</p>}
        {list.status === 'ready' && list.conversations.length === 0 && (
          <p className="muted">No conversations yet. Open an auction and message its seller.</p>
        )}
        <ul>
          {list.conversations.map((c) => {
            const first = others(c, me?.id)[0];
            return (
              <li key={c.id}>
                <Link href={`/chat/${c.id}`} className={`conversation-item ${c.id === id ? 'active' : ''}`} aria-current={c.id === id ? 'page' : undefined}>
                  {first && <PresenceDot presence={people[first.id]} name={first.name} />}
                  <span className="grow">
                    <strong>{titleOf(c, me?.id)}</strong>
                    <small className="muted">{c.lastMessage ? c.lastMessage.text || 'Message deleted' : 'No messages yet'}</small>
                  </span>
                  {c.unreadCount > 0 && (
                    <span className="badge" aria-label={`${c.unreadCount} unread`} data-testid="unread">
                      {c.unreadCount}
                    </span>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {id ? <ConversationView key={id} id={id} /> : <p className="muted panel">Choose a conversation.</p>}
    </div>
  );
}

function ConversationView({ id }: { id: string }) {
  const me = useBidwireUser();
  const c = useConversation(id);
  const people = usePresence(c.conversation ? others(c.conversation, me?.id).map((p) => p.id) : []);
  const [text, setText] = useState('');
  const end = useRef<HTMLDivElement>(null);
  const newest = c.messages.at(-1)?.id;

  // Read what is shown while the page is visible: the others see the receipt.
  const { markRead } = c;
  useEffect(() => {
    const read = () => document.visibilityState === 'visible' && void markRead();
    read();
    document.addEventListener('visibilitychange', read);
    return () => document.removeEventListener('visibilitychange', read);
  }, [newest, markRead]);

  // Braces matter: newer browsers' scrollIntoView returns a promise, which React would take for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [newest, c.pending.length]);

  if (c.status === 'loading') return <p className="muted panel">Opening the conversation…</p>;
  if (c.status === 'error') return <ErrorMessage error={c.error} />;
  const conversation = c.conversation!;
  const lastMine = [...c.messages].reverse().find((m) => m.sender.id === me?.id);
  const seenBy = lastMine ? c.readBy(lastMine.id) : [];

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!text.trim()) return;
    void c.send(text);
    setText('');
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <section className="panel conversation" aria-label={`Conversation with ${titleOf(conversation, me?.id)}`}>
      <header className="row">
        {others(conversation, me?.id).map((p) => (
          <span key={p.id} className="row tight">
            <PresenceDot presence={people[p.id]} name={p.name} /> <strong>{p.name}</strong>
          </span>
        ))}
      </header>
      <ErrorMessage error={c.error} />
      <div className="messages" data-testid="messages">
        {c.hasOlder && (
          <button type="button" className="link" disabled={c.loadingOlder} onClick={() => void c.loadOlder()}>
            Load older messages
          </button>
        )}
        {c.messages.map((m) => (
          <div key={m.id} className={`message ${m.sender.id === me?.id ? 'mine' : 'theirs'}`}>
            {m.sender.id !== me?.id && <small>{m.sender.name}</small>}
            <p>{m.deletedAt ? <em>Message deleted</em> : m.text}</p>
            <small className="muted">
              {formatTime(m.createdAt)}
              {m.editedAt && ' · edited'}
            </small>
            {m.id === lastMine?.id && seenBy.length > 0 && (
              <small className="receipt" data-testid="read-receipt">
                Seen by {seenBy.map((p) => p.name).join(', ')}
              </small>
            )}
          </div>
        ))}
        {c.pending.map((p) => (
          <div key={p.requestId} className={`message mine pending ${p.status}`}>
            <p>{p.text}</p>
            {p.status === 'sending' ? (
              <small className="muted">Sending…</small>
            ) : (
              <small className="error" role="alert">
                Not sent: {p.error?.message}{' '}
                <button type="button" className="link" onClick={() => void c.retry(p.requestId)}>
                  Retry
                </button>{' '}
                <button type="button" className="link" onClick={() => c.discard(p.requestId)}>
                  Discard
                </button>
              </small>
            )}
          </div>
        ))}
        <div ref={end} />
      </div>
      <p className="typing" aria-live="polite" data-testid="typing">
        {c.typing.length > 0 ? `${c.typing.map((u) => u.name).join(', ')} ${c.typing.length > 1 ? 'are' : 'is'} typing…` : ''}
      </p>
      <form className="composer" onSubmit={submit}>
        <label className="grow">
          <span className="visually-hidden">Message</span>
          <textarea
            rows={2}
            maxLength={4000}
            placeholder="Write a message… (Enter sends, Shift+Enter for a new line)"
            value={text}
            onKeyDown={onKey}
            onChange={(e) => {
              setText(e.target.value);
              c.notifyTyping();
            }}
          />
        </label>
        <button type="submit">Send</button>
      </form>
    </section>
  );
}
