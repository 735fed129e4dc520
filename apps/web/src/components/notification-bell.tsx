// The bell: unread count on the button, the list in a panel, read on click or all at once.
import { useNotifications } from '@bidwire/react';
import { useState } from 'react';
import { formatTime } from '../format.js';
import { ErrorMessage } from './error-message.js';
import { BellIcon } from './icons.js';

export function NotificationBell() {
  const n = useNotifications();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = (action: () => Promise<void>) => {
    setError(null);
    action().catch(setError);
  };
  return (
    <div className="bell">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="notification-panel"
        aria-label={`Notifications, ${n.unreadCount} unread`}
        onClick={() => setOpen((o) => !o)}
      >
        <BellIcon />
        {n.unreadCount > 0 && (
          <span className="badge" data-testid="bell-count">
            {n.unreadCount}
          </span>
        )}
      </button>
      {open && (
        <section id="notification-panel" className="popover" aria-label="Notifications">
          <header>
            <h2>Notifications</h2>
            <button type="button" className="link" disabled={n.unreadCount === 0} onClick={() => run(n.markAllRead)}>
              Mark all read
            </button>
          </header>
          <ErrorMessage error={error ?? n.error} />
          {n.notifications.length === 0 ? (
            <p className="muted">Nothing yet.</p>
          ) : (
            <ul>
              {n.notifications.map((item) => (
                <li key={item.id} className={item.readAt ? 'read' : 'unread'}>
                  <button type="button" className="notification" onClick={() => !item.readAt && run(() => n.markRead([item.id]))}>
                    <strong>{item.title}</strong>
                    <span>{item.body}</span>
                    <small>
                      {formatTime(item.createdAt)} {item.readAt ? '' : '· unread'}
                    </small>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {n.hasMore && (
            <button type="button" className="link" onClick={() => run(n.loadMore)}>
              Older notifications
            </button>
          )}
        </section>
      )}
    </div>
  );
}
