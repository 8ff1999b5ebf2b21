/**
 * The server's open connections, for a graceful shutdown that cuts off no request already sent.
 *
 * A request on a keep-alive connection can be on its way, or waiting in the kernel unread while the
 * event loop is busy, when the shutdown starts. Destroying that connection resets it (the client sees
 * ECONNRESET, not the 503 it can retry). So connections are closed only once they have been quiet —
 * no request running and none begun for `quietMs`, as the server sees it after reading what has
 * arrived — and the rest when `maxMs` has passed.
 */
import type http from 'node:http';
import type { Socket } from 'node:net';

interface Tracked {
  running: number;
  /** When the last request ended, or the connection opened (performance.now()). */
  quietSince: number;
}

export function trackConnections(server: http.Server) {
  const open = new Map<Socket, Tracked>();
  server.on('connection', (socket: Socket) => {
    open.set(socket, { running: 0, quietSince: performance.now() });
    socket.once('close', () => open.delete(socket));
  });
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const tracked = open.get(req.socket);
    if (!tracked) return;
    tracked.running += 1;
    res.once('close', () => {
      tracked.running -= 1;
      tracked.quietSince = performance.now();
    });
  });
  // A socket handed to Socket.IO is its business (it closes them itself).
  server.on('upgrade', (req: http.IncomingMessage) => open.delete(req.socket));

  /** Close each connection once it is quiet; after `maxMs`, every one still open. */
  async function closeWhenQuiet({ quietMs = 500, maxMs = 3_000 } = {}): Promise<void> {
    const until = performance.now() + maxMs;
    while (open.size && performance.now() < until) {
      // Looked at in the check phase, after the poll phase has read what arrived: a request already
      // in the kernel's buffer is running (or answered) by then, not mistaken for quiet.
      await new Promise((resolve) => setTimeout(() => setImmediate(resolve), 50));
      const now = performance.now();
      for (const [socket, tracked] of open)
        if (tracked.running === 0 && now - tracked.quietSince >= quietMs) {
          open.delete(socket);
          socket.destroy();
        }
    }
    server.closeAllConnections();
  }

  return {
    closeWhenQuiet,
    get size() {
      return open.size;
    },
  };
}
