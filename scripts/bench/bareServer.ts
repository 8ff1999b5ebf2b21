/**
 * The socket baseline: a bare Socket.IO server of the same version as the app's, that only joins
 * rooms and broadcasts — no session, no validation, no database. It answers the same event names
 * as the app so the same generator drives both. Prints its URL like `server/main.ts` does.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

type Ack = (response: object) => void;
const ackOf = (ack: unknown): Ack => (typeof ack === 'function' ? (ack as Ack) : () => undefined);

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });
let seq = 0;

io.on('connection', (socket) => {
  socket.on('meeting.join', (p: { meetingId: string }, ack: unknown) => {
    void socket.join(`meeting:${p.meetingId}`);
    ackOf(ack)({ ok: true, presence: [] });
  });
  socket.on('meeting.chat', (p: { meetingId: string; clientId: string; body: string }, ack: unknown) => {
    const message = {
      id: p.clientId,
      meetingId: p.meetingId,
      seq: ++seq,
      clientId: p.clientId,
      body: p.body,
      at: new Date().toISOString(),
    };
    io.to(`meeting:${p.meetingId}`).emit('meeting.chat', message);
    ackOf(ack)({ ok: true, message, duplicate: false });
  });
  socket.on('thread.join', (p: { threadId: string }, ack: unknown) => {
    void socket.join(`thread:${p.threadId}`);
    ackOf(ack)({ ok: true, missed: [] });
  });
  socket.on('message.send', (p: { threadId: string; clientId: string; body: string }, ack: unknown) => {
    const message = { id: p.clientId, threadId: p.threadId, seq: ++seq, clientId: p.clientId, body: p.body };
    io.to(`thread:${p.threadId}`).emit('message.created', message);
    ackOf(ack)({ ok: true, message, duplicate: false });
  });
});

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  process.stdout.write(`bare Socket.IO server — http://127.0.0.1:${port}/\n`);
});
process.on('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
