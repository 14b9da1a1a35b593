/** Small pieces of a message list's state: the row that flashes (after a quote click) and the count of messages that came while scrolled up. */
import { type Accessor, createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js';
import type { MessageView } from '../../../../shared/doc/conversation.js';
import type { MessageIndex } from '../../runtime/message-index.js';

/** How long the flash stays on (the CSS animation runs for 2 s). */
const FLASH_MS = 2200;

export function createFlash(): { flashId: Accessor<string | null>; flash(msgId: string): void } {
  const [flashId, setFlashId] = createSignal<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame = 0;
  onCleanup(() => {
    clearTimeout(timer);
    cancelAnimationFrame(frame);
  });
  return {
    flashId,
    flash(msgId) {
      // Off, then on in the next frame, so a second click plays the animation again.
      setFlashId(null);
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setFlashId(msgId));
      clearTimeout(timer);
      timer = setTimeout(() => setFlashId(null), FLASH_MS);
    },
  };
}

/** Messages from others that arrived in the timeline since the reader left the bottom (O(log n + count) per change). */
export function createNewCount(options: { index: MessageIndex; timeline: Accessor<readonly MessageView[]>; atBottom: Accessor<boolean>; me: string }): Accessor<number> {
  const [leftAt, setLeftAt] = createSignal<MessageView | null>(null);
  createEffect(on(options.atBottom, (bottom) => setLeftAt(bottom ? null : (options.timeline().at(-1) ?? null))));
  return createMemo(() => {
    const mark = leftAt();
    options.timeline();
    return mark ? options.index.countAfter(mark, options.me) : 0;
  });
}
