import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../../../shared/doc/conversation.js';
import { attachmentLabel, shorten, snippetOf } from './quote.js';

const base: MessageView = { id: 'm1', author: 'a', hlc: 1, sentAt: 1, kind: 'text', text: 'hello', reactions: new Map() };
const image = { mediaId: 'x', mime: 'image/jpeg', size: 10 };

describe('quotes', () => {
  it('quotes the start of a text on one line', () => {
    expect(snippetOf({ ...base, text: 'first line\nsecond   line' })).toEqual({ kind: 'text', text: 'first line second line' });
    expect(shorten('word '.repeat(40), 30)).toBe('word word word word word word…');
  });

  it('names media kinds instead of text', () => {
    expect(snippetOf({ ...base, kind: 'media', text: undefined, attachments: [image] })).toEqual({ kind: 'label', text: 'Photo' });
    expect(snippetOf({ ...base, kind: 'voice', text: undefined, attachments: [{ ...image, mime: 'audio/webm' }] })).toEqual({ kind: 'label', text: 'Voice message' });
    expect(snippetOf({ ...base, kind: 'media', text: 'the lake', attachments: [image] })).toEqual({ kind: 'text', text: 'Photo: the lake' });
    expect(attachmentLabel('media', [{ ...image, mime: 'application/pdf' }])).toBe('File');
    expect(attachmentLabel('media', [image, image])).toBe('2 photos');
  });

  it('says so when the original is deleted or not here', () => {
    expect(snippetOf({ ...base, text: undefined, deleted: { author: 'a', hlc: 1, deletedAt: 2 } })).toEqual({ kind: 'label', text: 'Message deleted' });
    expect(snippetOf(undefined).text).toBe('Original message not available');
  });
});
