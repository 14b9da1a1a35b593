/**
 * A small floating box beside an anchor (emoji picker, who reacted). Fixed
 * to the viewport, so the scrolling list does not clip it; it closes on a
 * click elsewhere, on Escape, and when the page scrolls under it.
 */
import { type JSX, createSignal, onCleanup, onMount } from 'solid-js';
import { Portal } from 'solid-js/web';

const MARGIN = 8;

export function Popover(props: { anchor: HTMLElement; onClose: () => void; children: JSX.Element; class?: string; testId?: string; label: string }) {
  let box: HTMLDivElement | undefined;
  const [position, setPosition] = createSignal<{ left: number; top: number } | null>(null);

  const place = (): void => {
    if (!box) return;
    const a = props.anchor.getBoundingClientRect();
    const r = box.getBoundingClientRect();
    // Above the anchor when there is room, else below it.
    let top = a.top - r.height - 6;
    if (top < MARGIN) top = Math.min(a.bottom + 6, window.innerHeight - r.height - MARGIN);
    const left = Math.min(Math.max(MARGIN, a.left + a.width / 2 - r.width / 2), window.innerWidth - r.width - MARGIN);
    setPosition({ left, top: Math.max(MARGIN, top) });
  };

  const inside = (target: EventTarget | null): boolean => target instanceof Node && (box?.contains(target) === true || props.anchor.contains(target));
  const onPointerDown = (e: PointerEvent): void => {
    if (!inside(e.target)) props.onClose();
  };
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      props.onClose();
    }
  };
  const onScroll = (e: Event): void => {
    if (!inside(e.target)) props.onClose();
  };
  onMount(() => {
    place();
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('scroll', onScroll, true);
    window.addEventListener('resize', props.onClose);
  });
  onCleanup(() => {
    document.removeEventListener('pointerdown', onPointerDown, true);
    document.removeEventListener('keydown', onKey, true);
    document.removeEventListener('scroll', onScroll, true);
    window.removeEventListener('resize', props.onClose);
  });

  return (
    <Portal>
      <div
        ref={box}
        class={`popover ${props.class ?? ''}`}
        role="dialog"
        aria-label={props.label}
        data-testid={props.testId}
        style={{ left: `${position()?.left ?? 0}px`, top: `${position()?.top ?? 0}px`, visibility: position() ? 'visible' : 'hidden' }}
      >
        {props.children}
      </div>
    </Portal>
  );
}
