/** Icons of the conversation features (stroke follows currentColor). */
import type { JSX } from 'solid-js';
import { Svg as BaseSvg } from '../icons.jsx';

function Svg(props: { children: JSX.Element; size?: number }) {
  return (
    <BaseSvg size={props.size ?? 16}>
      {props.children}
    </BaseSvg>
  );
}

export const ReplyIcon = () => (
  <Svg>
    <path d="M9 14 4 9l5-5" />
    <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
  </Svg>
);
export const ThreadIcon = () => (
  <Svg>
    <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />
    <path d="M8 9h8" />
    <path d="M8 13h5" />
  </Svg>
);
export const SmileIcon = () => (
  <Svg>
    <circle cx="12" cy="12" r="9" />
    <path d="M8 14s1.5 2 4 2 4-2 4-2" />
    <path d="M9 9h.01" />
    <path d="M15 9h.01" />
  </Svg>
);
export const HistoryIcon = () => (
  <Svg>
    <path d="M3 12a9 9 0 1 0 3-6.7L3 8" />
    <path d="M3 3v5h5" />
    <path d="M12 7v5l3 2" />
  </Svg>
);
export const PlusIcon = () => (
  <Svg>
    <path d="M12 5v14" />
    <path d="M5 12h14" />
  </Svg>
);
export const ChevronUpIcon = () => (
  <Svg size={18}>
    <path d="m18 15-6-6-6 6" />
  </Svg>
);
export const ChevronDownSmallIcon = () => (
  <Svg size={18}>
    <path d="m6 9 6 6 6-6" />
  </Svg>
);
export const SearchIcon = () => (
  <Svg size={20}>
    <circle cx="11" cy="11" r="7" />
    <path d="m21 21-4.3-4.3" />
  </Svg>
);
export const InfoIcon = () => (
  <Svg size={20}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 16v-4" />
    <path d="M12 8h.01" />
  </Svg>
);
