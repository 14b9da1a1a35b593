/**
 * Server-made opaque ids: 16 random bytes as base64url (22 characters), so
 * they are unguessable and safe in URLs and document names (`conv:<id>`).
 */
import { encodeBase64urlNoPadding } from '@oslojs/encoding';

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function newId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return encodeBase64urlNoPadding(bytes);
}
