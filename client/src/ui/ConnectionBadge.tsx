/** Online / connecting / offline, from the inbox socket and the browser's network state. */
import { useApp } from './context.js';
import { createReadable } from './reactive.js';

const LABEL = { online: 'Online', connecting: 'Connecting…', offline: 'Offline' } as const;

export function ConnectionBadge() {
  const app = useApp();
  const status = createReadable(app.messenger.connection);
  return (
    <span class="connection" data-testid="connection-status" data-status={status()} role="status">
      <span class="connection-dot" />
      {LABEL[status()]}
    </span>
  );
}
