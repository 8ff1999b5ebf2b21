/**
 * What every person joining a live room is shown alike — the chat so far, the question queue, who
 * has the floor and whose hand is raised — read once for a burst of joins instead of once per joiner.
 * When a plenary opens, the whole council joins within seconds, and on the embedded database each of
 * those reads scans its collection (docs/PERFORMANCE.md).
 *
 * A snapshot is shared by the joins of the next SNAPSHOT_MS and dropped the moment any of it
 * changes in this process (chat, a question or its support, the floor, a hand). The
 * joiner is already in the room when it asks, so whatever happens after the snapshot reaches it
 * live. With several nodes (docs/DEPLOY.md) a change is also told to the other nodes (`relayRoomChanges`), which
 * drop their snapshot of the room as well; without Redis, several processes on one database may serve a snapshot
 * up to SNAPSHOT_MS late.
 */
import type { ChatMessage, Question, RaisedHand } from '@shared/schemas/meetings';
import type { RoomPerson } from '@shared/schemas/threads';

const SNAPSHOT_MS = 500;

export interface RoomSnapshot {
  chat: ChatMessage[];
  questions: Question[];
  floor: RoomPerson[];
  hands: RaisedHand[];
}

const snapshots = new Map<string, { takenAt: number; value: Promise<RoomSnapshot> }>();

/** The room's current snapshot, reading it (once, however many ask at the same time) when there is none. */
export function roomSnapshot(meetingId: string, read: () => Promise<RoomSnapshot>): Promise<RoomSnapshot> {
  const held = snapshots.get(meetingId);
  if (held && Date.now() - held.takenAt < SNAPSHOT_MS) return held.value;
  const value = read();
  const entry = { takenAt: Date.now(), value };
  snapshots.set(meetingId, entry);
  const forget = () => {
    if (snapshots.get(meetingId) === entry) snapshots.delete(meetingId);
  };
  // Not kept past its time (a room nobody joins again would hold its chat in memory for good),
  // nor when the read failed: the next joiner tries again.
  setTimeout(forget, SNAPSHOT_MS).unref();
  value.catch(forget);
  return value;
}

/** Drop this process's snapshot of the room. */
export function forgetRoomSnapshot(meetingId: string): void {
  snapshots.delete(meetingId);
}

let relay: ((meetingId: string) => void) | null = null;

/** In the shared mode: tell every node of each change (the app sets this once; see server/app.ts). */
export function relayRoomChanges(to: ((meetingId: string) => void) | null): void {
  relay = to;
}

/** Something in the room changed: the next joiner reads afresh, on this node and, shared, on the others. */
export function roomChanged(meetingId: string): void {
  forgetRoomSnapshot(meetingId);
  relay?.(meetingId);
}
