/**
 * Dropping files onto the conversation: while files are dragged over it, a
 * hint covers it; dropped files join the composer's media state.
 */
import { Show, createSignal } from 'solid-js';
import { PaperclipIcon } from './icons.jsx';
import type { MediaComposer } from './media-composer.js';

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') === true;

/** Handlers for the drop target, and the hint to render inside it. */
export function createDropZone(media: MediaComposer, enabled: () => boolean) {
  const [over, setOver] = createSignal(false);
  // dragenter/dragleave fire for every child: count them.
  let depth = 0;
  const handlers = {
    onDragEnter(event: DragEvent) {
      if (!carriesFiles(event) || !enabled()) return;
      event.preventDefault();
      depth++;
      setOver(true);
    },
    onDragOver(event: DragEvent) {
      if (!carriesFiles(event) || !enabled()) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave(event: DragEvent) {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    },
    onDrop(event: DragEvent) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setOver(false);
      if (!enabled()) return;
      const files = event.dataTransfer?.files;
      if (files && files.length > 0) media.add(Array.from(files));
    },
  };
  const Hint = () => (
    <Show when={over()}>
      <div class="drop-hint" data-testid="drop-hint">
        <div class="drop-hint-card">
          <PaperclipIcon />
          <span>Drop files to send them</span>
        </div>
      </div>
    </Show>
  );
  return { handlers, Hint };
}
