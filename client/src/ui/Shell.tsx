/**
 * The signed-in layout: the sidebar (chats or contacts) beside the open
 * conversation; below 700 px wide, one screen at a time with a back button.
 */
import { Show, createSignal } from 'solid-js';
import { ContactsPanel } from './ContactsPanel.jsx';
import { useApp } from './context.js';
import { ConversationList } from './ConversationList.jsx';
import { ConversationView } from './ConversationView.jsx';
import { Logo } from './icons.jsx';
import { NewGroupDialog } from './NewGroupDialog.jsx';
import { Notifications } from './Notifications.jsx';
import { Sidebar } from './Sidebar.jsx';

export function Shell() {
  const app = useApp();
  const [tab, setTab] = createSignal<'chats' | 'contacts'>('chats');
  const [groupDialog, setGroupDialog] = createSignal(false);
  const openId = (): string | null => {
    const route = app.router.route();
    return route.name === 'conversation' ? route.id : null;
  };
  return (
    <div class="app" data-screen={openId() ? 'conversation' : 'list'}>
      <Sidebar tab={tab()} onTab={setTab} onNewGroup={() => setGroupDialog(true)}>
        <Show when={tab() === 'chats'} fallback={<ContactsPanel />}>
          <ConversationList selectedId={openId()} />
        </Show>
      </Sidebar>
      <main class="main">
        <Show
          when={openId()}
          keyed
          fallback={
            <div class="empty-main">
              <div class="empty-illustration">
                <Logo size={44} />
              </div>
              <p>Pick a conversation, or start one from your contacts.</p>
            </div>
          }
        >
          {(id) => <ConversationView conversationId={id} />}
        </Show>
      </main>
      <Show when={groupDialog()}>
        <NewGroupDialog onClose={() => setGroupDialog(false)} />
      </Show>
      <Notifications openId={openId()} />
    </div>
  );
}
