/**
 * The HTTP server for the Express app, with requests and responses made from the app's own
 * prototypes.
 *
 * Express gives every request and response its prototypes with `Object.setPrototypeOf` as it
 * starts handling them. Measured on this V8 (Node 20.20; why V8 keeps them was not traced), objects
 * whose prototype was changed that way are promoted to the old generation: every request, with all
 * that hangs from it (session, user, log, route state: 60–100 kB here), was copied through the young
 * generation and promoted. Scavenges took 10–20 ms every 200 ms under load, and the old generation filled with
 * dead requests that full collections then had to clear (docs/PERFORMANCE.md, "Requests that die
 * young"). Made from classes whose prototypes already are the app's, the requests keep their
 * prototype, Express's call changes nothing, and they die young like any short-lived object.
 */
import http from 'node:http';
import type { Express, Request, Response } from 'express';

/**
 * How long a request's body may take to arrive in full: a 20 MB attachment over 100 kbit/s (an office's share of a
 * slow line). Node's default, 300 s, cut uploads slower than 0.56 Mbit/s. Every other request is answered within
 * REQUEST_TIMEOUT_MS by the work tracker (http/work.ts), headers must arrive within Node's 60 s (`headersTimeout`),
 * and nginx in front drops a body that stops for 60 s (`client_body_timeout`).
 */
export const BODY_TIMEOUT_MS = 30 * 60_000;

/** Give `target` the own properties and the prototype of `source` (an Express request or response prototype). */
function adopt(target: object, source: object): void {
  Object.setPrototypeOf(target, Object.getPrototypeOf(source) as object);
  for (const key of Reflect.ownKeys(source)) Object.defineProperty(target, key, Reflect.getOwnPropertyDescriptor(source, key)!);
}

export function createAppServer(app: Express): http.Server {
  class AppRequest extends http.IncomingMessage {}
  class AppResponse<Req extends http.IncomingMessage = http.IncomingMessage> extends http.ServerResponse<Req> {
    constructor(req: Req) {
      super(req);
      // A download's response carries eleven `close` listeners — the request log's, the work tracker's, the
      // connection tracker's, express's and the stream pipeline's — each gone with the response: more than Node's
      // warning threshold of ten, not a leak.
      this.setMaxListeners(20);
    }
  }
  adopt(AppRequest.prototype, app.request);
  adopt(AppResponse.prototype, app.response);
  app.request = AppRequest.prototype as unknown as Request;
  app.response = AppResponse.prototype as unknown as Response;
  return http.createServer({ IncomingMessage: AppRequest, ServerResponse: AppResponse, requestTimeout: BODY_TIMEOUT_MS }, app);
}
