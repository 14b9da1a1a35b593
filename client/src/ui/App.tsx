/**
 * The root: the sign-in screens while nobody is signed in, the messenger
 * once someone is. The runtime of a signed-in user lives exactly as long as
 * the `Messenger` component that created it.
 */
import { Show, createResource, onCleanup } from 'solid-js';
import type { User } from '../../../shared/api.js';
import type { Api } from '../runtime/api.js';
import { claimLocalData } from '../runtime/local-data.js';
import { makeMessenger } from '../runtime/messenger.js';
import type { Network } from '../runtime/network.js';
import type { Session } from '../runtime/session.js';
import type { KeyValueStorage } from '../runtime/storage.js';
import { AuthScreen } from './Auth.jsx';
import { AppContext } from './context.js';
import { createReadable } from './reactive.js';
import { makeRouter } from './router.js';
import { Shell } from './Shell.jsx';

export interface AppProps {
  session: Session;
  api: Api;
  storage: KeyValueStorage;
  network: Network;
  syncUrl: string;
}

export function App(props: AppProps) {
  const user = createReadable(props.session.user);
  return (
    <Show when={user()} keyed fallback={<AuthScreen session={props.session} />}>
      {(u) => <SignedIn {...props} user={u} />}
    </Show>
  );
}

function SignedIn(props: AppProps & { user: User }) {
  // Another person's data may still be on this device: clear it before opening anything.
  const [claimed] = createResource(() => claimLocalData({ storage: props.storage, userId: props.user.id }).then(() => true));
  return (
    <Show when={claimed()} fallback={<div class="splash" aria-busy="true" />}>
      <MessengerRoot {...props} />
    </Show>
  );
}

function MessengerRoot(props: AppProps & { user: User }) {
  const messenger = makeMessenger({
    user: props.user,
    api: props.api,
    storage: props.storage,
    syncUrl: props.syncUrl,
    network: props.network,
    onUnauthenticated: () => props.session.expire(),
  });
  const router = makeRouter();
  onCleanup(() => {
    router.dispose();
    void messenger.destroy();
  });
  // The server may have ended the session while we were away.
  void props.session.refresh().catch((e: unknown) => console.warn('could not check the session', e));
  return (
    <AppContext.Provider value={{ messenger, session: props.session, router }}>
      <Shell />
    </AppContext.Provider>
  );
}
