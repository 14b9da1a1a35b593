/**
 * Tells the user about messages in conversations they are not looking at:
 * system notifications when allowed, an in-app toast otherwise, and the unread
 * total in the window title. The decisions live in runtime/notifications.ts.
 */
import { For, Show, createEffect, createSignal, onCleanup, onMount } from 'solid-js';
import { conversationTitle } from '../runtime/conversations.js';
import { type Notice, makeNotifier } from '../runtime/notifications.js';
import { useApp } from './context.js';

interface Toast extends Notice {
  title: string;
  body: string;
}

const supported = (): boolean => typeof Notification !== 'undefined';

export function Notifications(props: { openId: string | null }) {
  const app = useApp();
  const messenger = app.messenger;
  const [toasts, setToasts] = createSignal<Toast[]>([]);
  const [permission, setPermission] = createSignal(supported() ? Notification.permission : 'denied');
  const [dismissed, setDismissed] = createSignal(localStorage.getItem('notifications-prompt-dismissed') === '1');

  const open = (conversationId: string): void => {
    window.focus();
    app.router.navigate({ name: 'conversation', id: conversationId });
    setToasts((ts) => ts.filter((t) => t.conversationId !== conversationId));
  };

  // A conversation opened from the list (not from its toast) needs its toasts no more.
  createEffect(() => {
    const id = props.openId;
    if (id !== null) setToasts((ts) => (ts.some((t) => t.conversationId === id) ? ts.filter((t) => t.conversationId !== id) : ts));
  });

  const describe = (notice: Notice): Toast => {
    const conversation = messenger.conversations.get().items.find((c) => c.id === notice.conversationId);
    const author = conversation?.members.find((m) => m.user.id === notice.author)?.user.displayName ?? 'New message';
    const title = conversation && conversation.kind === 'group' ? `${author} · ${conversationTitle(conversation, messenger.user.id)}` : author;
    return { ...notice, title, body: notice.preview };
  };

  onMount(() => {
    const stop = makeNotifier({
      entries: messenger.inbox.entries,
      me: messenger.user.id,
      lookingAt: () => (document.visibilityState === 'visible' && document.hasFocus() ? props.openId : null),
      notify(notice) {
        const toast = describe(notice);
        if (permission() === 'granted' && document.visibilityState !== 'visible') {
          const n = new Notification(toast.title, { body: toast.body, tag: toast.conversationId });
          n.onclick = () => open(toast.conversationId);
          return;
        }
        setToasts((ts) => [...ts.filter((t) => t.conversationId !== toast.conversationId), toast].slice(-3));
        setTimeout(() => setToasts((ts) => ts.filter((t) => t.messageId !== toast.messageId)), 6000);
      },
      onUnread(total) {
        document.title = total > 0 ? `(${total > 999 ? '999+' : total}) Messenger` : 'Messenger';
      },
    });
    onCleanup(() => {
      stop();
      document.title = 'Messenger';
    });
  });

  const ask = async (): Promise<void> => {
    setPermission(await Notification.requestPermission());
  };
  const dismiss = (): void => {
    localStorage.setItem('notifications-prompt-dismissed', '1');
    setDismissed(true);
  };

  return (
    <>
      <Show when={supported() && permission() === 'default' && !dismissed()}>
        <div class="notify-prompt" data-testid="notifications-prompt">
          <span>Get notified of new messages?</span>
          <button class="button primary small" onClick={() => void ask()}>
            Turn on
          </button>
          <button class="link" onClick={dismiss}>
            Not now
          </button>
        </div>
      </Show>
      <div class="toasts" aria-live="polite">
        <For each={toasts()}>
          {(toast) => (
            <button class="toast" data-testid="toast" onClick={() => open(toast.conversationId)}>
              <strong>{toast.title}</strong>
              <span>{toast.body}</span>
            </button>
          )}
        </For>
      </div>
    </>
  );
}
