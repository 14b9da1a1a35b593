/**
 * The trust model's core (ARCHITECTURE §4): decides, before anything is
 * applied, whether the authenticated user may make an incoming update.
 * Checks client-id binding, the placement and content of every new struct
 * (through the document kind's policy) and that deletions only remove the
 * writer's own structs.
 */
import * as Y from 'yjs';
import { type DecodedUpdate, decodeUpdate } from './decode-update.js';
import { type Placement, PlacementResolver } from './placement.js';

/** The user id that owns structs the server itself writes (meta, inbox). */
export const SERVER_USER = '@server';

/** A new struct, placed, for the document policy to judge. */
export type Content = Y.Item['content'];

export interface PlacedItem {
  placement: Placement;
  content: Content;
  /** For multi-value contents (records in a page): values already stored are skipped. */
  skip: number;
}

/** Per document kind: what may be written where. Collects what it accepted for after-apply hooks. */
export interface DocPolicy<Accepted> {
  begin(userId: string, now: number): PolicyRun<Accepted>;
}

export interface PolicyRun<Accepted> {
  /** First pass over every new item (e.g. to learn message ids written in this update). */
  collect(item: PlacedItem): string | null;
  /** Second pass: a refusal reason or null. */
  check(item: PlacedItem): string | null;
  accepted(): Accepted;
}

export type Verdict<Accepted> =
  | { ok: true; newBindings: number[]; accepted: Accepted; empty: boolean }
  | { ok: false; reason: string };

export interface ClientOwners {
  ownerOf(client: number): string | undefined;
}

export function validateUpdate<Accepted>(
  doc: Y.Doc,
  update: Uint8Array,
  userId: string,
  owners: ClientOwners,
  policy: DocPolicy<Accepted>,
  now: number,
): Verdict<Accepted> {
  const decoded: DecodedUpdate = decodeUpdate(update);
  const newBindings = new Set<number>();
  const ownClient = (client: number): boolean => {
    const owner = owners.ownerOf(client);
    if (owner === userId) return true;
    if (owner !== undefined) return false;
    newBindings.add(client);
    return true;
  };

  const resolver = new PlacementResolver(doc);
  const placed: PlacedItem[] = [];
  let empty = true;
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const state = Y.getState(doc.store, struct.id.client);
    const known = state - struct.id.clock;
    if (known >= struct.length) {
      // Already stored: applying it is a no-op, and later items may still use it as origin.
      continue;
    }
    empty = false;
    if (!ownClient(struct.id.client)) return { ok: false, reason: `client id ${struct.id.client} belongs to another user` };
    if (struct instanceof Y.GC) continue;
    const placement = resolver.resolve(struct);
    if (placement.kind === 'missing') return { ok: false, reason: 'update depends on structs the server does not have' };
    if (placement.kind === 'invalid') return { ok: false, reason: placement.reason };
    if (placement.kind === 'discarded') continue;
    placed.push({ placement, content: struct.content, skip: Math.max(0, known) });
  }

  // Deletions never create a binding: they may only name clients the writer already owns.
  const ownsForDelete = (client: number): boolean => owners.ownerOf(client) === userId || newBindings.has(client);
  for (const range of decoded.deletes) {
    const refusal = checkDelete(doc, range, ownsForDelete);
    if (refusal) return { ok: false, reason: refusal };
  }
  if (decoded.deletes.length > 0) empty = false;

  const run = policy.begin(userId, now);
  for (const item of placed) {
    const refusal = run.collect(item);
    if (refusal) return { ok: false, reason: refusal };
  }
  for (const item of placed) {
    const refusal = run.check(item);
    if (refusal) return { ok: false, reason: refusal };
  }
  return { ok: true, newBindings: [...newBindings], accepted: run.accepted(), empty };
}

/** A deletion is fine when it removes the writer's own structs or only what is already deleted. */
function checkDelete(
  doc: Y.Doc,
  range: { client: number; clock: number; len: number },
  ownClient: (client: number) => boolean,
): string | null {
  if (range.len <= 0) return null;
  const structs = doc.store.clients.get(range.client);
  const end = range.clock + range.len;
  const alreadyDeleted = (): boolean => {
    if (!structs || end > Y.getState(doc.store, range.client)) return false;
    for (let i = Y.findIndexSS(structs, range.clock); i < structs.length; i++) {
      const s = structs[i]!;
      if (s.id.clock >= end) break;
      if (!s.deleted) return false;
    }
    return true;
  };
  // Honest clients resend the whole delete set they know, including others' deletions the server has.
  if (alreadyDeleted()) return null;
  return ownClient(range.client) ? null : `deletes structs of client ${range.client}, which belongs to another user`;
}
