/**
 * The virtualized message list (@tanstack/solid-virtual, variable row
 * heights measured from the DOM). It opens at the newest message without a
 * visible jump (hidden until the scroll position has settled at the end),
 * stays pinned to the bottom while new messages arrive there, keeps the row
 * under the reader in place when rows above change (the virtualizer's
 * measured sizes and anchoring), and reports whether the bottom is in view
 * (for the "seen" receipt). Scrolled up, a button leads back down, with the
 * count of messages that arrived meanwhile.
 */
import { createVirtualizer } from '@tanstack/solid-virtual';
import { For, type JSX, Show, createEffect, createSignal, on, onCleanup, onMount } from 'solid-js';
import { ChevronDownIcon } from './icons.jsx';

/** Within this many pixels of the end counts as "at the bottom". */
const BOTTOM_SLACK = 48;

/** What the view may ask of the list. */
export interface ListController {
  /** Bring a row into view however far it is (rows on the way are estimated, then measured). */
  scrollToIndex(index: number, align?: 'start' | 'center' | 'end' | 'auto'): void;
  scrollToEnd(): void;
}

export function MessageList(props: {
  count: number;
  keyOf: (index: number) => string;
  row: (index: number) => JSX.Element;
  /** Changes whenever the list should jump to the newest message (e.g. I sent one). */
  follow: number;
  onAtBottom: (atBottom: boolean) => void;
  onSettled: () => void;
  empty: JSX.Element;
  controller?: (controller: ListController) => void;
  /** Messages that arrived while scrolled up (shown on the button back down). */
  newCount?: number;
  testId?: string;
}) {
  let scroller: HTMLDivElement | undefined;
  const [settled, setSettled] = createSignal(false);
  const [atBottom, setAtBottom] = createSignal(true);

  const virtualizer = createVirtualizer<HTMLDivElement, HTMLDivElement>({
    get count() {
      return props.count;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => 64,
    overscan: 8,
    getItemKey: (index) => props.keyOf(index),
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: BOTTOM_SLACK,
    paddingStart: 12,
    paddingEnd: 12,
  });

  // A row whose top is above the view changed height (a separator or a sender's name came or went
  // when a message arrived just above it, an image loaded): keep the rows below it where they are.
  // The default leaves out a row that straddles the top edge, and any re-measure while scrolling up,
  // which lets the reader's row move.
  virtualizer.shouldAdjustScrollPositionOnItemSizeChange = (item, _delta, instance) => item.start < (instance.scrollOffset ?? 0);

  props.controller?.({
    scrollToIndex: (index, align = 'center') => virtualizer.scrollToIndex(index, { align }),
    scrollToEnd: () => virtualizer.scrollToEnd(),
  });

  const distanceFromEnd = (): number => (scroller ? scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight : 0);
  const updateAtBottom = (): void => {
    const bottom = distanceFromEnd() <= BOTTOM_SLACK;
    setAtBottom(bottom);
    props.onAtBottom(bottom);
  };

  // Land at the end: keep asking until the measured layout stops moving, then show it.
  let frame = 0;
  onMount(() => {
    let stable = 0;
    let frames = 0;
    const step = (): void => {
      frames++;
      if (distanceFromEnd() <= 1) stable++;
      else {
        stable = 0;
        virtualizer.scrollToEnd();
      }
      if (stable >= 2 || frames > 40) {
        setSettled(true);
        updateAtBottom();
        props.onSettled();
        return;
      }
      frame = requestAnimationFrame(step);
    };
    if (props.count > 0) virtualizer.scrollToEnd();
    frame = requestAnimationFrame(step);
  });
  onCleanup(() => cancelAnimationFrame(frame));

  createEffect(
    on(
      () => props.follow,
      () => {
        if (props.count > 0) virtualizer.scrollToEnd();
      },
      { defer: true },
    ),
  );

  // Rows arriving while at the bottom keep us there (followOnAppend); the flag must follow too.
  createEffect(
    on(
      () => virtualizer.getTotalSize(),
      () => requestAnimationFrame(updateAtBottom),
      { defer: true },
    ),
  );

  return (
    <div class="messages-frame">
      <div ref={scroller} class="messages" classList={{ settling: !settled() }} onScroll={updateAtBottom} data-testid={props.testId ?? 'message-list'}>
        <Show when={props.count > 0} fallback={props.empty}>
          <div class="messages-sizer" style={{ height: `${virtualizer.getTotalSize()}px` }}>
            <div class="messages-window" style={{ transform: `translateY(${virtualizer.getVirtualItems()[0]?.start ?? 0}px)` }}>
              <For each={virtualizer.getVirtualItems()}>
                {(item) => (
                  <div class="message-slot" data-index={item.index} ref={(el) => queueMicrotask(() => virtualizer.measureElement(el))}>
                    {props.row(item.index)}
                  </div>
                )}
              </For>
            </div>
          </div>
        </Show>
      </div>
      <Show when={settled() && !atBottom()}>
        <button class="to-bottom" aria-label="Newest messages" data-testid="scroll-to-bottom" onClick={() => virtualizer.scrollToEnd()}>
          <ChevronDownIcon />
          <Show when={(props.newCount ?? 0) > 0}>
            <span class="to-bottom-count" data-testid="new-messages" aria-label={`${props.newCount} new messages`}>
              {props.newCount}
            </span>
          </Show>
        </button>
      </Show>
    </div>
  );
}
