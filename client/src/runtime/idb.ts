/**
 * The few IndexedDB steps the app's own stores share (the outbox, the tails
 * of conversations): open a database of plain object stores once, turn
 * requests and transactions into promises, and delete the database at
 * sign-out without being blocked by this tab's own connection.
 */

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export function completion(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export interface Database {
  /** The open connection (opened on first use, again after another tab deleted it). */
  get(): Promise<IDBDatabase>;
  close(): void;
  /** Close and delete the database. */
  remove(): Promise<void>;
}

/** `stores`: object store name → its keyPath (undefined: keys given on put). */
export function database(name: string, stores: Record<string, string | undefined>, factory: IDBFactory = indexedDB): Database {
  let opened: Promise<IDBDatabase> | null = null;
  const get = (): Promise<IDBDatabase> => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(name, 1);
      req.onupgradeneeded = () => {
        for (const [store, keyPath] of Object.entries(stores)) {
          if (!req.result.objectStoreNames.contains(store)) req.result.createObjectStore(store, keyPath === undefined ? {} : { keyPath });
        }
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab deleting the database (sign-out there) must not be blocked by us.
        db.onversionchange = () => {
          db.close();
          opened = null;
        };
        resolve(db);
      };
      req.onerror = () => {
        opened = null;
        reject(req.error ?? new Error(`could not open ${name}`));
      };
      req.onblocked = () => console.warn(`${name} is blocked by another tab`);
    });
    return opened;
  };
  return {
    get,
    close() {
      void opened?.then((db) => db.close()).catch((error: unknown) => console.warn(`closing ${name} failed`, error));
      opened = null;
    },
    async remove() {
      if (opened) (await opened.catch(() => null))?.close();
      opened = null;
      await new Promise<void>((resolve, reject) => {
        const req = factory.deleteDatabase(name);
        req.onsuccess = () => resolve();
        req.onerror = () => reject(req.error ?? new Error(`could not delete ${name}`));
        // Another tab holds it open; it closes on versionchange, then this completes.
        req.onblocked = () => console.warn(`deleting ${name} waits for another tab`);
      });
    },
  };
}
