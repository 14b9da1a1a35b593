/**
 * The HTTP API client (ARCHITECTURE §3): JSON over fetch with the session
 * cookie, bodies checked with the shared schemas before they leave, responses
 * parsed with them when they arrive. Failures are values with a code:
 * `ApiError` for an answer from the server, `OfflineError` for no answer.
 */
import type { z } from 'zod';
import {
  type Contact,
  ContactResponse,
  ContactsResponse,
  type Conversation,
  ConversationResponse,
  ConversationsResponse,
  CreateConversationBody,
  ErrorBody,
  type ErrorCode,
  type Limits,
  LimitsResponse,
  LoginBody,
  PatchConversationBody,
  SignupBody,
  type User,
  UserResponse,
  UsersResponse,
} from '../../../shared/api.js';

/** `bad_response`: the server answered something the shared schemas do not describe. */
export type ApiErrorCode = ErrorCode | 'bad_response';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** The request never got an answer: no network, server down, DNS, CORS. */
export class OfflineError extends Error {
  override readonly name = 'OfflineError';
  readonly code = 'offline';
  constructor(cause?: unknown) {
    super('You appear to be offline.', { cause });
  }
}

export const isOfflineError = (e: unknown): e is OfflineError => e instanceof OfflineError;

/** A message fit to show a person, whatever was thrown. */
export function errorMessage(e: unknown): string {
  if (isApiError(e) || isOfflineError(e)) return e.message;
  if (e instanceof Error) return e.message;
  return 'Something went wrong.';
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface ApiOptions {
  /** Origin (or path prefix) the routes hang under; '' = same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called when an authenticated route answers 401: the session is gone. */
  onUnauthenticated?: () => void;
}

export interface Api {
  signup(body: SignupBody): Promise<User>;
  login(body: LoginBody): Promise<User>;
  logout(): Promise<void>;
  me(): Promise<User>;
  limits(): Promise<Limits>;
  searchUsers(query: string, signal?: AbortSignal): Promise<User[]>;
  contacts(): Promise<Contact[]>;
  addContact(userId: string): Promise<Contact>;
  removeContact(userId: string): Promise<void>;
  /** Take back an upload no message carries (a cancelled media message), freeing its quota. */
  deleteMedia(mediaId: string): Promise<void>;
  conversations(): Promise<Conversation[]>;
  createConversation(body: CreateConversationBody): Promise<Conversation>;
  /** Rename a group or switch keepEditHistory (group admins; either person of a direct conversation). */
  updateConversation(id: string, body: PatchConversationBody): Promise<Conversation>;
  addMember(conversationId: string, userId: string): Promise<Conversation>;
  /** Remove a member (group admins), or leave when `userId` is me. */
  removeMember(conversationId: string, userId: string): Promise<void>;
}

/** Check a body locally with the shared schema, so the person sees the same message the server would give. */
function checked<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ApiError(400, 'bad_request', issue?.message ?? 'invalid request');
}

export function makeApi(options: ApiOptions = {}): Api {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  async function request(method: Method, path: string, init: { body?: unknown; signal?: AbortSignal; auth?: boolean } = {}): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const requestInit: RequestInit = { method, headers, credentials: 'same-origin' };
    if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
      requestInit.body = JSON.stringify(init.body);
    }
    if (init.signal) requestInit.signal = init.signal;
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/api${path}`, requestInit);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new OfflineError(error);
    }
    if (response.status === 204) return undefined;
    const text = await response.text().catch((error: unknown) => {
      throw new OfflineError(error);
    });
    let json: unknown = undefined;
    if (text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    if (!response.ok) {
      const body = ErrorBody.safeParse(json);
      const error = body.success
        ? new ApiError(response.status, body.data.error.code, body.data.error.message)
        : new ApiError(response.status, statusCode(response.status), response.statusText || `HTTP ${response.status}`);
      if (response.status === 401 && init.auth !== false) options.onUnauthenticated?.();
      throw error;
    }
    return json;
  }

  function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new ApiError(200, 'bad_response', `unexpected answer for ${what}`);
    return parsed.data;
  }

  return {
    async signup(body) {
      const json = await request('POST', '/auth/signup', { body: checked(SignupBody, body), auth: false });
      return parse(UserResponse, json, 'signup').user;
    },
    async login(body) {
      const json = await request('POST', '/auth/login', { body: checked(LoginBody, body), auth: false });
      return parse(UserResponse, json, 'login').user;
    },
    async logout() {
      await request('POST', '/auth/logout', { auth: false });
    },
    async me() {
      return parse(UserResponse, await request('GET', '/me'), 'me').user;
    },
    async limits() {
      return parse(LimitsResponse, await request('GET', '/me/limits'), 'limits').limits;
    },
    async searchUsers(query, signal) {
      const json = await request('GET', `/users?q=${encodeURIComponent(query)}`, signal ? { signal } : {});
      return parse(UsersResponse, json, 'user search').users;
    },
    async contacts() {
      return parse(ContactsResponse, await request('GET', '/contacts'), 'contacts').contacts;
    },
    async addContact(userId) {
      return parse(ContactResponse, await request('POST', '/contacts', { body: { userId } }), 'new contact').contact;
    },
    async deleteMedia(mediaId) {
      await request('DELETE', `/media/${encodeURIComponent(mediaId)}`);
    },
    async removeContact(userId) {
      await request('DELETE', `/contacts/${encodeURIComponent(userId)}`);
    },
    async conversations() {
      return parse(ConversationsResponse, await request('GET', '/conversations'), 'conversations').conversations;
    },
    async createConversation(body) {
      const json = await request('POST', '/conversations', { body: checked(CreateConversationBody, body) });
      return parse(ConversationResponse, json, 'new conversation').conversation;
    },
    async updateConversation(id, body) {
      const json = await request('PATCH', `/conversations/${encodeURIComponent(id)}`, { body: checked(PatchConversationBody, body) });
      return parse(ConversationResponse, json, 'conversation change').conversation;
    },
    async addMember(conversationId, userId) {
      const json = await request('POST', `/conversations/${encodeURIComponent(conversationId)}/members`, { body: { userId } });
      return parse(ConversationResponse, json, 'new member').conversation;
    },
    async removeMember(conversationId, userId) {
      await request('DELETE', `/conversations/${encodeURIComponent(conversationId)}/members/${encodeURIComponent(userId)}`);
    },
  };
}

function statusCode(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    default:
      return 'internal';
  }
}
