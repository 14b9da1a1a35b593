/**
 * Browser entry: builds the framework-free runtime (API client, session,
 * network state) and mounts the Solid UI over it; registers the service
 * worker that keeps the app shell available offline.
 */
import { render } from 'solid-js/web';
import { makeApi } from './runtime/api.js';
import { makeNetwork } from './runtime/network.js';
import { makeSession } from './runtime/session.js';
import { defaultStorage } from './runtime/storage.js';
import { syncUrlFor } from './runtime/sync-url.js';
import { App } from './ui/App.jsx';
import './ui/styles.css';
import './ui/conversation/conversation.css';

const storage = defaultStorage();
// The session is created right after the API; a 401 from any route ends it.
let expire = (): void => {};
const api = makeApi({ onUnauthenticated: () => expire() });
const session = makeSession({ api, storage });
expire = () => session.expire();
const network = makeNetwork();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
render(() => <App session={session} api={api} storage={storage} network={network} syncUrl={syncUrlFor(location)} />, root);

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => console.warn('service worker not registered', error));
  });
}
