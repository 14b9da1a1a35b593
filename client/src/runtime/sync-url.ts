/** Where the sync server listens: `ws(s)://<host>/sync`, the document name is appended by the provider. */
export function syncUrlFor(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/sync`;
}
