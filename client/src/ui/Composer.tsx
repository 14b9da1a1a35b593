/** The composer: Enter sends, Shift+Enter is a new line, the button is off while empty; also edits a message. */
import { Show, createEffect, createSignal, on, onMount } from 'solid-js';
import { Limits } from '../../../shared/protocol.js';
import { CloseIcon, SendIcon } from './icons.jsx';

export interface Editing {
  id: string;
  text: string;
}

const MAX_HEIGHT = 160;

export function Composer(props: {
  disabled: boolean;
  disabledReason?: string;
  editing: Editing | null;
  onCancelEdit: () => void;
  /** Returns an error to show, or null when the text went out. */
  onSubmit: (text: string) => string | null;
  onTyping: (hasText: boolean) => void;
}) {
  let input: HTMLTextAreaElement | undefined;
  const [text, setText] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const empty = (): boolean => text().trim() === '';

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
  onMount(() => {
    if (window.matchMedia('(pointer: fine)').matches) input?.focus();
  });

  const submit = (): void => {
    if (empty() || props.disabled) return;
    const problem = props.onSubmit(text().trim());
    setError(problem);
    if (problem === null) setValue('');
    input?.focus();
  };

  return (
    <div class="composer-wrap">
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
      <form
        class="composer"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <textarea
          ref={input}
          data-testid="composer-input"
          rows={1}
          placeholder="Message"
          aria-label="Message"
          maxLength={Limits.maxTextLength}
          disabled={props.disabled}
          value={text()}
          onInput={(e) => {
            setValue(e.currentTarget.value);
            props.onTyping(e.currentTarget.value.trim() !== '');
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              submit();
            } else if (e.key === 'Escape' && props.editing) {
              props.onCancelEdit();
            }
          }}
        />
        <button class="send" type="submit" data-testid="composer-send" aria-label={props.editing ? 'Save' : 'Send'} disabled={empty() || props.disabled}>
          <SendIcon />
        </button>
      </form>
    </div>
  );
}
