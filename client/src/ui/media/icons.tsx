/** Icons of the media features (stroke follows currentColor, like ui/icons.tsx). */
import type { JSX } from 'solid-js';
import { Svg as BaseSvg } from '../icons.jsx';

function Svg(props: { children: JSX.Element; size?: number; fill?: string }) {
  return (
    <BaseSvg size={props.size ?? 20} fill={props.fill}>
      {props.children}
    </BaseSvg>
  );
}

export const PaperclipIcon = () => (
  <Svg size={21}>
    <path d="m21.4 11.1-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5" />
  </Svg>
);
export const MicIcon = (props: { size?: number }) => (
  <Svg size={props.size ?? 21}>
    <rect x="9" y="2" width="6" height="12" rx="3" />
    <path d="M5 10v1a7 7 0 0 0 14 0v-1" />
    <path d="M12 18v4" />
  </Svg>
);
export const PlayIcon = (props: { size?: number }) => (
  <Svg size={props.size ?? 18} fill="currentColor">
    <path d="M7 4.5v15a1 1 0 0 0 1.5.9l12-7.5a1 1 0 0 0 0-1.8l-12-7.5A1 1 0 0 0 7 4.5z" stroke="none" />
  </Svg>
);
export const PauseIcon = (props: { size?: number }) => (
  <Svg size={props.size ?? 18} fill="currentColor">
    <rect x="6" y="4" width="4" height="16" rx="1" stroke="none" />
    <rect x="14" y="4" width="4" height="16" rx="1" stroke="none" />
  </Svg>
);
export const DownloadIcon = (props: { size?: number }) => (
  <Svg size={props.size ?? 18}>
    <path d="M12 3v12" />
    <path d="m7 10 5 5 5-5" />
    <path d="M5 21h14" />
  </Svg>
);
export const FileIcon = (props: { size?: number }) => (
  <Svg size={props.size ?? 22}>
    <path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z" />
    <path d="M14 2v6h6" />
  </Svg>
);
export const RetryIcon = (props: { size?: number }) => (
  <Svg size={props.size ?? 16}>
    <path d="M21 12a9 9 0 1 1-3-6.7" />
    <path d="M21 3v6h-6" />
  </Svg>
);
export const ChevronLeftIcon = () => (
  <Svg size={26}>
    <path d="m15 18-6-6 6-6" />
  </Svg>
);
export const ChevronRightIcon = () => (
  <Svg size={26}>
    <path d="m9 18 6-6-6-6" />
  </Svg>
);
export const BinIcon = (props: { size?: number }) => (
  <Svg size={props.size ?? 20}>
    <path d="M3 6h18" />
    <path d="M19 6v14a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V6" />
    <path d="M8 6V4a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2" />
  </Svg>
);
