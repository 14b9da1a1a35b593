/**
 * Resolves where a struct of an incoming update lands: which root, which map
 * key, or inside which page. Items with an origin do not carry their parent,
 * so it is taken from the origin item, found earlier in the same update or in
 * the server's copy of the document.
 */
import * as Y from 'yjs';

export type Placement =
  /** Directly under a root type, with the map key (null for array roots). */
  | { kind: 'root'; root: string; key: string | null }
  /** Inside a Y.Array that itself sits directly under root `messages` with no key. */
  | { kind: 'nested'; parentRoot: string; parentKey: string | null; parentIsArray: boolean }
  /** The origin was garbage-collected: Yjs discards such an item on integration. */
  | { kind: 'discarded' }
  /** Nesting deeper than one level, or a parent that is not a type. */
  | { kind: 'invalid'; reason: string }
  /** Depends on structs neither in the update nor on the server. */
  | { kind: 'missing' };

export class PlacementResolver {
  /** Items of the update per client, in clock order (as the update lists them), with their placement. */
  private readonly local = new Map<number, Array<{ item: Y.Item; placement: Placement }>>();
  private readonly rootNames = new Map<object, string>();

  constructor(private readonly doc: Y.Doc) {
    for (const [name, type] of doc.share) this.rootNames.set(type, name);
  }

  /** Call for items in update order; returns and remembers the placement. */
  resolve(item: Y.Item): Placement {
    const placement = this.compute(item);
    let list = this.local.get(item.id.client);
    if (!list) this.local.set(item.id.client, (list = []));
    list.push({ item, placement });
    return placement;
  }

  private compute(item: Y.Item): Placement {
    const parent = item.parent;
    if (typeof parent === 'string') return { kind: 'root', root: parent, key: item.parentSub };
    if (parent instanceof Y.ID) return this.nestedIn(parent);
    const origin = item.origin ?? item.rightOrigin;
    if (origin === null) return { kind: 'invalid', reason: 'item without parent or origin' };
    return this.placementOf(origin);
  }

  /** Placement of the (update-local or stored) struct covering `id`. */
  private placementOf(id: Y.ID): Placement {
    const local = this.findLocal(id);
    if (local) return local.placement;
    const stored = this.findStored(id);
    if (stored === 'missing') return { kind: 'missing' };
    if (stored instanceof Y.GC) return { kind: 'discarded' };
    return this.storedPlacement(stored);
  }

  /** The parent is the type created by the item at `typeId`. */
  private nestedIn(typeId: Y.ID): Placement {
    const local = this.findLocal(typeId);
    if (local) return this.childOf(local.item, local.placement);
    const stored = this.findStored(typeId);
    if (stored === 'missing') return { kind: 'missing' };
    if (stored instanceof Y.GC) return { kind: 'discarded' };
    return this.childOf(stored, this.storedPlacement(stored));
  }

  private childOf(typeItem: Y.Item, typePlacement: Placement): Placement {
    if (typePlacement.kind !== 'root') {
      return typePlacement.kind === 'discarded' || typePlacement.kind === 'missing'
        ? typePlacement
        : { kind: 'invalid', reason: 'nesting too deep' };
    }
    if (typeItem.deleted && typeItem.content instanceof Y.ContentDeleted) return { kind: 'discarded' };
    if (!(typeItem.content instanceof Y.ContentType)) return { kind: 'invalid', reason: 'parent is not a type' };
    return {
      kind: 'nested',
      parentRoot: typePlacement.root,
      parentKey: typePlacement.key,
      parentIsArray: typeItem.content.type instanceof Y.Array,
    };
  }

  private storedPlacement(item: Y.Item): Placement {
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return { kind: 'discarded' };
    const rootName = this.rootNames.get(parent);
    if (rootName !== undefined) return { kind: 'root', root: rootName, key: item.parentSub };
    const typeItem = parent._item;
    if (typeItem === null) return { kind: 'invalid', reason: 'unknown root type' };
    return this.childOf(typeItem, this.storedPlacement(typeItem));
  }

  private findLocal(id: Y.ID): { item: Y.Item; placement: Placement } | undefined {
    const list = this.local.get(id.client);
    if (!list) return undefined;
    // Binary search: the id may point inside a multi-clock item.
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const entry = list[mid]!;
      const start = entry.item.id.clock;
      if (id.clock < start) hi = mid - 1;
      else if (id.clock >= start + entry.item.length) lo = mid + 1;
      else return entry;
    }
    return undefined;
  }

  private findStored(id: Y.ID): Y.Item | Y.GC | 'missing' {
    if (id.clock >= Y.getState(this.doc.store, id.client)) return 'missing';
    const structs = this.doc.store.clients.get(id.client);
    if (!structs) return 'missing';
    const struct = structs[Y.findIndexSS(structs, id.clock)];
    if (struct === undefined) return 'missing';
    return struct instanceof Y.Item || struct instanceof Y.GC ? struct : 'missing';
  }
}
