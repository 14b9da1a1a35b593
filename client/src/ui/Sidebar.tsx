/** The sidebar frame: who I am, the connection state, log out, the Chats / Contacts tabs. */
import { type JSX, createSignal } from 'solid-js';
import { errorMessage } from '../runtime/api.js';
import { Avatar } from './Avatar.jsx';
import { ConnectionBadge } from './ConnectionBadge.jsx';
import { useApp } from './context.js';
import { GroupIcon, LogoutIcon } from './icons.jsx';

export function Sidebar(props: { tab: 'chats' | 'contacts'; onTab: (tab: 'chats' | 'contacts') => void; onNewGroup: () => void; children: JSX.Element }) {
  const app = useApp();
  const me = app.messenger.user;
  const [leaving, setLeaving] = createSignal(false);
  const logout = async (): Promise<void> => {
    if (leaving()) return;
    // Logging out forgets this device's copy, including writes that never reached the server.
    if (app.messenger.pending.get().size > 0 && !window.confirm('Some messages have not been sent yet. Log out and discard them?')) return;
    setLeaving(true);
    try {
      await app.messenger.wipe();
      await app.session.logout();
    } catch (e) {
      setLeaving(false);
      window.alert(`Could not log out: ${errorMessage(e)}`);
    }
  };
  return (
    <aside class="sidebar">
      <header class="sidebar-header">
        <Avatar id={me.id} name={me.displayName} />
        <div class="me">
          <div class="me-name" data-testid="me-name">
            {me.displayName}
          </div>
          <ConnectionBadge />
        </div>
        <button class="icon-button" data-testid="logout" title="Log out" aria-label="Log out" disabled={leaving()} onClick={() => void logout()}>
          <LogoutIcon />
        </button>
      </header>
      <nav class="tabs" role="tablist">
        <button role="tab" class="tab" aria-selected={props.tab === 'chats'} data-testid="nav-chats" onClick={() => props.onTab('chats')}>
          Chats
        </button>
        <button role="tab" class="tab" aria-selected={props.tab === 'contacts'} data-testid="nav-contacts" onClick={() => props.onTab('contacts')}>
          Contacts
        </button>
        <button class="icon-button new-group" data-testid="new-group" title="New group" aria-label="New group" onClick={() => props.onNewGroup()}>
          <GroupIcon />
        </button>
      </nav>
      <div class="sidebar-body">{props.children}</div>
    </aside>
  );
}
