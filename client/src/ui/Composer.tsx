/**
 * The composer: Enter sends, Shift+Enter is a new line, the button is off
 * while empty; also edits a message, and shows what a reply answers (Escape
 * or the cross cancels either).
 */
import { Show, createEffect, createSignal, on, onMount } from 'solid-js';
import { Limits } from '../../../shared/protocol.js';
import type { Snippet } from './conversation/quote.js';
import { ReplyIcon } from './conversation/icons.jsx';
import { CloseIcon, SendIcon } from './icons.jsx';
import { AttachButton } from './media/AttachButton.jsx';
import { DraftTray } from './media/DraftTray.jsx';
import type { MediaComposer } from './media/media-composer.js';
import { MicButton, VoiceRecorderBar } from './media/VoiceRecorder.jsx';

export interface Editing {
  id: string;
  text: string;
}

/** The message a reply answers, as the composer shows it. */
export interface Replying {
  id: string;
  authorName: string;
  snippet: Snippet;
}

const MAX_HEIGHT = 160;

export function Composer(props: {
  disabled: boolean;
  disabledReason?: string;
  editing: Editing | null;
  onCancelEdit: () => void;
  replying?: Replying | null;
  onCancelReply?: () => void;
  placeholder?: string;
  /** Returns an error to show, or null when the text went out. */
  onSubmit: (text: string) => string | null;
  onTyping: (hasText: boolean) => void;
  /** Attachments, paste, voice recording; absent where media cannot be sent. */
  media?: MediaComposer;
}) {
  let input: HTMLTextAreaElement | undefined;
  const [text, setText] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const empty = (): boolean => text().trim() === '';
  const hasDrafts = (): boolean => !props.editing && (props.media?.drafts().length ?? 0) > 0;
  const showMic = (): boolean => props.media !== undefined && empty() && !hasDrafts() && !props.editing;
  const mediaContext = () => (props.replying ? { replyTo: props.replying.id } : {});

  const fit = (): void => {
    if (!input) return;
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, MAX_HEIGHT)}px`;
  };
  const setValue = (value: string): void => {
    setText(value);
    queueMicrotask(fit);
  };

  createEffect(
    on(
      () => props.editing,
      (editing) => {
        setValue(editing?.text ?? '');
        input?.focus();
      },
      { defer: true },
    ),
  );
  createEffect(
    on(
      () => props.replying?.id,
      (id) => id !== undefined && input?.focus(),
      { defer: true },
    ),
  );
  onMount(() => {
    if (window.matchMedia('(pointer: fine)').matches) input?.focus();
  });

  const submit = (): void => {
    if (props.media && hasDrafts() && !props.disabled) {
      // The text becomes the caption of the picked files.
      const problem = props.media.send(text().trim(), mediaContext());
      setError(problem);
      if (problem === null) {
        setValue('');
        props.onTyping(false);
        props.onCancelReply?.();
      }
      input?.focus();
      return;
    }
    if (empty() || props.disabled) return;
    const problem = props.onSubmit(text().trim());
    setError(problem);
    if (problem === null) setValue('');
    input?.focus();
  };

  return (
    <div class="composer-wrap">
      <Show when={props.replying && !props.editing ? props.replying : undefined}>
        {(replying) => (
          <div class="composer-replying" data-testid="composer-reply">
            <ReplyIcon />
            <div class="composer-replying-body">
              <span class="composer-replying-title">Reply to {replying().authorName}</span>
              <span class="composer-replying-text" classList={{ label: replying().snippet.kind === 'label' }}>
                {replying().snippet.text}
              </span>
            </div>
            <button class="icon-button small" aria-label="Cancel reply" data-testid="composer-reply-cancel" onClick={() => props.onCancelReply?.()}>
              <CloseIcon />
            </button>
          </div>
        )}
      </Show>
      <Show when={props.editing}>
        <div class="composer-editing">
          <span>Editing message</span>
          <button class="icon-button small" aria-label="Cancel editing" onClick={() => props.onCancelEdit()}>
            <CloseIcon />
          </button>
        </div>
      </Show>
      <Show when={error() ?? (props.disabled ? props.disabledReason : undefined)}>
        {(message) => (
          <p class="composer-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <Show when={props.media}>{(media) => <DraftTray media={media()} />}</Show>
      <form
        class="composer"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Show when={props.media}>{(media) => <AttachButton media={media()} disabled={props.disabled || !!props.editing} />}</Show>
        <textarea
          ref={input}
          data-testid="composer-input"
          rows={1}
          placeholder={props.placeholder ?? 'Message'}
          aria-label="Message"
          maxLength={Limits.maxTextLength}
          disabled={props.disabled}
          value={text()}
          onPaste={(e) => {
            const files = props.media && !props.editing ? Array.from(e.clipboardData?.files ?? []) : [];
            if (files.length === 0) return;
            e.preventDefault();
            props.media?.add(files);
          }}
          onInput={(e) => {
            setValue(e.currentTarget.value);
            props.onTyping(e.currentTarget.value.trim() !== '');
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              submit();
            } else if (e.key === 'Escape' && props.editing) {
              // Handled: the panel around this composer stays open.
              e.preventDefault();
              props.onCancelEdit();
            } else if (e.key === 'Escape' && props.replying) {
              e.preventDefault();
              props.onCancelReply?.();
            }
          }}
        />
        <Show
          when={showMic() && props.media}
          fallback={
            <button class="send" type="submit" data-testid="composer-send" aria-label={props.editing ? 'Save' : 'Send'} disabled={(empty() && !hasDrafts()) || props.disabled}>
              <SendIcon />
            </button>
          }
        >
          {(media) => <MicButton media={media()} disabled={props.disabled} />}
        </Show>
      </form>
      <Show when={props.media}>{(media) => <VoiceRecorderBar media={media()} context={mediaContext} />}</Show>
    </div>
  );
}
