/** The conversation's header: back (phone), who it is with (opens the details), presence or typing, search and details buttons. */
import { Show } from 'solid-js';
import { Avatar } from '../Avatar.jsx';
import { BackIcon } from '../icons.jsx';
import { InfoIcon, SearchIcon } from './icons.jsx';

export function ConversationHeader(props: {
  title: string;
  avatarId: string;
  online: boolean | undefined;
  subtitle: string;
  /** "Ann is typing…", or null. */
  typing: string | null;
  searchOpen: boolean;
  detailsOpen: boolean;
  onBack: () => void;
  onSearch: () => void;
  onDetails: () => void;
}) {
  return (
    <header class="conversation-header">
      <button class="icon-button back" aria-label="Back to chats" data-testid="back" onClick={() => props.onBack()}>
        <BackIcon />
      </button>
      <button class="conversation-header-who" data-testid="header-details" aria-label="Conversation details" onClick={() => props.onDetails()}>
        <Avatar id={props.avatarId} name={props.title} online={props.online} />
        <div class="conversation-header-text">
          <h2 class="conversation-header-title" data-testid="conversation-title">
            {props.title}
          </h2>
          <div class="conversation-header-sub">
            <Show
              when={props.typing}
              fallback={
                <span classList={{ online: props.online === true }} data-testid="conversation-subtitle">
                  {props.subtitle}
                </span>
              }
            >
              <span class="typing" data-testid="typing-indicator">
                {props.typing}
              </span>
            </Show>
          </div>
        </div>
      </button>
      <div class="conversation-header-actions">
        <button class="icon-button" classList={{ active: props.searchOpen }} title="Search" aria-label="Search in this conversation" data-testid="search-open" onClick={() => props.onSearch()}>
          <SearchIcon />
        </button>
        <button class="icon-button" classList={{ active: props.detailsOpen }} title="Details" aria-label="Conversation details" data-testid="open-settings" onClick={() => props.onDetails()}>
          <InfoIcon />
        </button>
      </div>
    </header>
  );
}
