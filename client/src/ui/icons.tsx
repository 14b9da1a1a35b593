/** Small inline icons (stroke follows currentColor). */
import type { JSX } from 'solid-js';

/** The one icon frame: 24-unit viewBox, round strokes in currentColor. */
export function Svg(props: { children: JSX.Element; size?: number; class?: string; fill?: string }) {
  return (
    <svg
      class={props.class}
      width={props.size ?? 20}
      height={props.size ?? 20}
      viewBox="0 0 24 24"
      fill={props.fill ?? 'none'}
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      {props.children}
    </svg>
  );
}

export const SendIcon = () => (
  <Svg>
    <path d="M22 2 11 13" />
    <path d="M22 2 15 22l-4-9-9-4 20-7z" />
  </Svg>
);
export const BackIcon = () => (
  <Svg>
    <path d="M15 18l-6-6 6-6" />
  </Svg>
);
export const LogoutIcon = () => (
  <Svg>
    <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4" />
    <path d="M16 17l5-5-5-5" />
    <path d="M21 12H9" />
  </Svg>
);
export const GroupIcon = () => (
  <Svg>
    <path d="M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2" />
    <circle cx="9" cy="7" r="4" />
    <path d="M23 21v-2a4 4 0 0 0-3-3.87" />
    <path d="M16 3.13a4 4 0 0 1 0 7.75" />
  </Svg>
);
export const SearchIcon = () => (
  <Svg size={16}>
    <circle cx="11" cy="11" r="7" />
    <path d="m21 21-4.3-4.3" />
  </Svg>
);
export const ChevronDownIcon = () => (
  <Svg>
    <path d="m6 9 6 6 6-6" />
  </Svg>
);
export const PencilIcon = () => (
  <Svg size={15}>
    <path d="M17 3a2.8 2.8 0 1 1 4 4L7.5 20.5 2 22l1.5-5.5z" />
  </Svg>
);
export const TrashIcon = () => (
  <Svg size={15}>
    <path d="M3 6h18" />
    <path d="M19 6v14a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V6" />
    <path d="M8 6V4a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2" />
  </Svg>
);
export const CloseIcon = () => (
  <Svg size={18}>
    <path d="M18 6 6 18" />
    <path d="m6 6 12 12" />
  </Svg>
);

/** The ticks of my messages: clock, one tick, two ticks, two blue ticks. */
export function Ticks(props: { state: 'sending' | 'sent' | 'delivered' | 'seen' }) {
  return (
    <span class="ticks" data-tick={props.state} aria-label={props.state} title={props.state}>
      {props.state === 'sending' ? (
        <svg width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.6" aria-hidden="true">
          <circle cx="8" cy="8" r="6" />
          <path d="M8 4.8V8l2.2 1.6" stroke-linecap="round" />
        </svg>
      ) : props.state === 'sent' ? (
        <svg width="16" height="14" viewBox="0 0 18 14" fill="none" stroke="currentColor" stroke-width="1.8" aria-hidden="true">
          <path d="M2.5 7.5 6.5 11.5 14.5 3" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      ) : (
        <svg width="20" height="14" viewBox="0 0 22 14" fill="none" stroke="currentColor" stroke-width="1.8" aria-hidden="true">
          <path d="M1.5 7.5 5.5 11.5 13.5 3" stroke-linecap="round" stroke-linejoin="round" />
          <path d="M8.2 9.8 10 11.5 18 3" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      )}
    </span>
  );
}

/** The app's mark (same drawing as public/icon.svg). */
export const Logo = (props: { size?: number }) => (
  <svg width={props.size ?? 56} height={props.size ?? 56} viewBox="0 0 64 64" aria-hidden="true">
    <rect width="64" height="64" rx="16" fill="#2f6fed" />
    <path d="M18 20h28a6 6 0 0 1 6 6v12a6 6 0 0 1-6 6H30l-9 7v-7h-3a6 6 0 0 1-6-6V26a6 6 0 0 1 6-6z" fill="#fff" />
  </svg>
);
