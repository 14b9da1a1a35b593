import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as conversation from '../../../shared/doc/conversation.js';
import * as hlc from '../../../shared/doc/hlc.js';
import { MessageType } from '../../../shared/protocol.js';
import { makeMessageIndex } from './message-index.js';
import { covers, coversClients, encodeStored, makeServerStates, readStored } from './server-state.js';

describe('stored-state tracking', () => {
  it('a record becomes "sent" once a state vector covering it arrives', () => {
    const client = new Y.Doc();
    const server = new Y.Doc();
    const index = makeMessageIndex(client);
    const clock = hlc.makeClock();
    const states = makeServerStates();
    const first = conversation.sendMessage(client, clock, { author: 'me', text: 'one' });
    const second = conversation.sendMessage(client, clock, { author: 'me', text: 'two' });

    const sent = (id: string) => covers(states.get('conv:x'), index.recordId(id));
    expect(sent(first.id)).toBe(false);

    // The server stores only the first message (e.g. the second is still in flight).
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
    const full = Y.encodeStateVector(server);
    const partial = new Map(Y.decodeStateVector(full));
    const firstId = index.recordId(first.id);
    expect(firstId).toBeDefined();
    if (firstId) partial.set(firstId.client, firstId.clock + 1);
    states.record('conv:x', partial);
    expect(sent(first.id)).toBe(true);
    expect(sent(second.id)).toBe(false);

    states.record('conv:x', Y.decodeStateVector(full));
    expect(sent(second.id)).toBe(true);
    index.destroy();
  });

  it('never moves a known vector backwards when an older one arrives late', () => {
    const states = makeServerStates();
    states.record('d', new Map([[1, 10]]));
    states.record('d', new Map([[1, 4], [2, 3]]));
    expect(states.get('d')).toEqual(new Map([[1, 10], [2, 3]]));
  });

  it('a document has unsent changes until the server covers every client that wrote locally', () => {
    const doc = new Y.Doc();
    conversation.sendMessage(doc, hlc.makeClock(), { author: 'me', text: 'hi' });
    expect(coversClients(undefined, doc, [doc.clientID])).toBe(false);
    expect(coversClients(new Map(), doc, [doc.clientID])).toBe(false);
    expect(coversClients(Y.decodeStateVector(Y.encodeStateVector(doc)), doc, [doc.clientID])).toBe(true);
  });

  it('reads the stored frame the server sends', () => {
    const doc = new Y.Doc();
    conversation.sendMessage(doc, hlc.makeClock(), { author: 'me', text: 'hi' });
    const frame = encodeStored(Y.encodeStateVector(doc));
    const decoder = decoding.createDecoder(frame);
    expect(decoding.readVarUint(decoder)).toBe(MessageType.stored);
    expect(readStored(decoder)).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)));
  });
});
