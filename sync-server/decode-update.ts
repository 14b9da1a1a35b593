/**
 * Decodes an incoming Yjs update under caps (bytes, structs, delete ranges),
 * so a crafted update cannot hang or exhaust the process. Throws
 * `MalformedUpdate` for anything that does not decode.
 */
import * as Y from 'yjs';
import { Limits } from '../shared/protocol.js';

export class MalformedUpdate extends Error {
  override name = 'MalformedUpdate';
}

export interface DeleteRange {
  client: number;
  clock: number;
  len: number;
}

export interface DecodedUpdate {
  structs: Array<Y.Item | Y.GC | Y.Skip>;
  deletes: DeleteRange[];
}

export function decodeUpdate(update: Uint8Array): DecodedUpdate {
  if (update.byteLength > Limits.maxDocumentFrame) throw new MalformedUpdate('update too large');
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (e) {
    // Truncated or garbage bytes, or nesting deep enough to exhaust the stack.
    throw new MalformedUpdate(`undecodable update: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (decoded.structs.length > Limits.maxStructsPerUpdate) throw new MalformedUpdate('too many structs in one update');
  const deletes: DeleteRange[] = [];
  for (const [client, ranges] of decoded.ds.clients) {
    for (const r of ranges) {
      deletes.push({ client, clock: r.clock, len: r.len });
      if (deletes.length > Limits.maxDeleteRanges) throw new MalformedUpdate('too many delete ranges in one update');
    }
  }
  return { structs: decoded.structs, deletes };
}
