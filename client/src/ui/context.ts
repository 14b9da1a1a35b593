/** What every screen of the signed-in app reaches for: the runtime, the router, the session. */
import { createContext, useContext } from 'solid-js';
import type { Messenger } from '../runtime/messenger.js';
import type { Session } from '../runtime/session.js';
import type { Router } from './router.js';

export interface AppContextValue {
  messenger: Messenger;
  session: Session;
  router: Router;
}

export const AppContext = createContext<AppContextValue>();

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside of the signed-in app');
  return value;
}
