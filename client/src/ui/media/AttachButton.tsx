/** The paperclip: opens the file picker (several files at once) and hands the picked files to the composer's media state. */
import { PaperclipIcon } from './icons.jsx';
import type { MediaComposer } from './media-composer.js';

export function AttachButton(props: { media: MediaComposer; disabled?: boolean }) {
  let input: HTMLInputElement | undefined;
  return (
    <>
      <button
        type="button"
        class="icon-button composer-attach"
        aria-label="Attach files"
        title="Attach photos, videos or files"
        data-testid="composer-attach"
        disabled={props.disabled}
        onClick={() => input?.click()}
      >
        <PaperclipIcon />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="composer-file-input"
        onChange={(event) => {
          const files = event.currentTarget.files;
          if (files && files.length > 0) props.media.add(Array.from(files));
          // The same file picked twice in a row must still fire a change.
          event.currentTarget.value = '';
        }}
      />
    </>
  );
}
