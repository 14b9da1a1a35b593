/** A file in a message: its type, name and size, and a download button once it is on the server. */
import { Show } from 'solid-js';
import type { Attachment } from '../../../../shared/doc/schema.js';
import { formatBytes } from '../../runtime/media-types.js';
import { DownloadIcon } from './icons.jsx';

/** "PDF", "ZIP", "DOCX" from the name, else from the type. */
function typeLabel(attachment: Attachment): string {
  const dot = attachment.name?.lastIndexOf('.') ?? -1;
  if (attachment.name && dot > 0 && attachment.name.length - dot <= 6) return attachment.name.slice(dot + 1).toUpperCase();
  const subtype = attachment.mime.split('/')[1]?.split(';')[0] ?? '';
  return subtype.length > 0 && subtype.length <= 5 ? subtype.toUpperCase() : 'FILE';
}

export function FileCard(props: { attachment: Attachment; href: string | undefined }) {
  const name = (): string => props.attachment.name ?? 'File';
  return (
    <div class="file-card" data-testid="file-card">
      <span class="file-icon" aria-hidden="true">
        {typeLabel(props.attachment)}
      </span>
      <span class="file-text">
        <span class="file-name" title={name()} data-testid="file-name">
          {name()}
        </span>
        <span class="file-size">{formatBytes(props.attachment.size)}</span>
      </span>
      <Show when={props.href}>
        {(href) => (
          <a class="icon-button file-download" href={href()} download={name()} aria-label={`Download ${name()}`} title="Download" data-testid="file-download" onClick={(e) => e.stopPropagation()}>
            <DownloadIcon />
          </a>
        )}
      </Show>
    </div>
  );
}
