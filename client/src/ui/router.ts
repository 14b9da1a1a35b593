/**
 * The two places the app can be: the list (`/`) or one conversation
 * (`/c/<id>`), kept in the URL so reload and the back button work.
 */
import { type Accessor, createSignal } from 'solid-js';

export type Route = { name: 'home' } | { name: 'conversation'; id: string };

export function parseRoute(pathname: string): Route {
  const match = /^\/c\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  return match?.[1] ? { name: 'conversation', id: match[1] } : { name: 'home' };
}

export function routePath(route: Route): string {
  return route.name === 'conversation' ? `/c/${route.id}` : '/';
}

export interface Router {
  route: Accessor<Route>;
  navigate(route: Route, options?: { replace?: boolean }): void;
  dispose(): void;
}

export function makeRouter(): Router {
  const [route, setRoute] = createSignal<Route>(parseRoute(location.pathname));
  const onPop = (): void => void setRoute(parseRoute(location.pathname));
  window.addEventListener('popstate', onPop);
  return {
    route,
    navigate(next, options = {}) {
      const path = routePath(next);
      if (path !== location.pathname) {
        if (options.replace) history.replaceState(null, '', path);
        else history.pushState(null, '', path);
      }
      setRoute(next);
    },
    dispose: () => window.removeEventListener('popstate', onPop),
  };
}
