import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../../shared/doc/conversation.js';
import * as hlc from '../../../shared/doc/hlc.js';
import type { OutboxItem } from './outbox-store.js';
import { itemView, nextHlc, recordOf, withOutbox } from './outbox-view.js';

const view = (id: string, at: number): MessageView => ({ id, author: 'bob', hlc: at, sentAt: at, kind: 'text', text: id, reactions: new Map() });
const png = (): Blob => new Blob([new Uint8Array(5)], { type: 'image/png' });
const item = (id: string, at: number, extra: Partial<OutboxItem> = {}): OutboxItem => ({
  id,
  conversationId: 'c1',
  author: 'alice',
  kind: 'media',
  sentAt: at,
  hlc: at,
  files: [{ blob: png(), mime: 'image/png', name: 'p.png', width: 40, height: 30, preview: 'data:image/webp;base64,AAAA' }],
  ...extra,
});

describe('outbox items as messages', () => {
  it('shows a waiting item as my message with its local measurements and no media id yet', () => {
    const v = itemView(item('m1', 100, { text: 'look' }));
    expect(v).toMatchObject({ id: 'm1', author: 'alice', hlc: 100, kind: 'media', text: 'look' });
    expect(v.attachments).toEqual([{ mediaId: '', mime: 'image/png', size: 5, name: 'p.png', width: 40, height: 30, preview: 'data:image/webp;base64,AAAA' }]);
  });

  it('places waiting items among the messages by when they were written', () => {
    const views = [view('a', 10), view('b', 20), view('c', 30)];
    const merged = withOutbox(views, [item('x', 25), item('y', 5), item('z', 40)], () => false);
    expect(merged.map((m) => m.id)).toEqual(['y', 'a', 'b', 'x', 'c', 'z']);
  });

  it('leaves out an item the document already holds, and returns the list itself when nothing waits', () => {
    const views = [view('a', 10), { ...view('x', 50), author: 'alice' }];
    expect(withOutbox(views, [item('x', 25)], (id) => id === 'x')).toBe(views);
    expect(withOutbox(views, [], () => false)).toBe(views);
  });

  it('makes no record while a file waits for its upload', () => {
    expect(recordOf(item('m1', 100), hlc.makeClock(), 200)).toBeNull();
  });

  it('makes the record with the server\'s media ids, the time it was written, and a place after everything seen', () => {
    const uploaded = item('m1', 100, { text: '  ' });
    const file = uploaded.files[0];
    if (!file) throw new Error('no file');
    uploaded.files = [{ ...file, uploaded: { mediaId: 'media1', mime: 'image/png', size: 5 } }];
    const clock = hlc.makeClock();
    hlc.observe(clock, 500);
    const record = recordOf(uploaded, clock, 300);
    expect(record).toEqual({
      id: 'm1',
      author: 'alice',
      hlc: 501,
      sentAt: 100,
      kind: 'media',
      attachments: [{ mediaId: 'media1', mime: 'image/png', size: 5, name: 'p.png', width: 40, height: 30, preview: 'data:image/webp;base64,AAAA' }],
    });
  });

  it('sorts a new item after what is shown and what already waits', () => {
    expect(nextHlc(1000, 10, [])).toBe(1000);
    expect(nextHlc(1000, 2000, [])).toBe(2001);
    expect(nextHlc(1000, 10, [item('w', 3000)])).toBe(3001);
  });
});
