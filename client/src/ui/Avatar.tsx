/** A round avatar with initials and an optional online dot. */
import { Show } from 'solid-js';
import { colourFor, initials } from './format.js';

export function Avatar(props: { id: string; name: string; online?: boolean; size?: 'small' | 'large'; group?: boolean }) {
  return (
    <div class="avatar" classList={{ 'avatar-small': props.size === 'small', 'avatar-large': props.size === 'large' }} style={{ background: colourFor(props.id) }} aria-hidden="true">
      <span>{initials(props.name)}</span>
      <Show when={props.online}>
        <span class="online-dot" data-testid="online-dot" />
      </Show>
    </div>
  );
}
