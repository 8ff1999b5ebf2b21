/** A tiny HTTP client with a cookie jar, over Node's fetch, for talking to the real server. */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/socketEvents';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export type CouncilClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class ApiClient {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  sessionCookie(): string | undefined {
    return this.cookies.get('council.sid');
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: { json?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader;
    let body: string | undefined;
    if (options.json !== undefined) body = JSON.stringify(options.json);
    else if (options.raw !== undefined) body = options.raw;
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(cookie) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  get<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, { headers });
  }

  post<T = unknown>(path: string, json?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, { json, headers });
  }

  patch<T = unknown>(path: string, json?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, { json, headers });
  }

  put<T = unknown>(path: string, json?: unknown) {
    return this.request<T>('PUT', path, { json });
  }

  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** POST raw bytes (an upload), with the session cookie. */
  async upload<T = unknown>(path: string, data: Uint8Array, contentType = 'application/octet-stream'): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookieHeader, 'content-type': contentType },
      body: data as unknown as BodyInit,
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, headers: res.headers, body: body as T };
  }

  /** GET the raw bytes of a response (a download). */
  async download(path: string): Promise<{ status: number; headers: Headers; data: Buffer }> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookieHeader } });
    return { status: res.status, headers: res.headers, data: Buffer.from(await res.arrayBuffer()) };
  }

  /** Open a Socket.IO connection with this client's session cookie. */
  socket(options: { origin?: string; baseUrl?: string } = {}): CouncilClientSocket {
    const extraHeaders: Record<string, string> = {};
    if (this.cookies.size) extraHeaders.cookie = this.cookieHeader;
    if (options.origin) extraHeaders.origin = options.origin;
    return io(options.baseUrl ?? this.baseUrl, { extraHeaders, reconnection: false, transports: ['websocket'], forceNew: true });
  }
}

/** Resolve when the socket connects; reject with the handshake error. */
export function connected(socket: CouncilClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}
