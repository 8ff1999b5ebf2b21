/**
 * Work every node must do for its own sockets or its own memory (issue 22): per-reader broadcasts (perReader.ts),
 * dropping a live room's snapshot. `clusterEmit` runs the handler here and, in the shared mode, on every other node
 * through Socket.IO's server-side events (which travel in the adapter's stream, in order with the broadcasts). With
 * one node it is a plain call. Arguments must be plain data (they are serialised).
 */
import type { CouncilServer } from './io';

const clustered = new WeakSet<CouncilServer>();
type Handler = (...args: unknown[]) => void;
const handlers = new WeakMap<CouncilServer, Map<string, Handler>>();

/** This server shares its rooms with other nodes (../cluster/adapter.ts). */
export function markClustered(io: CouncilServer): void {
  clustered.add(io);
}

export const isClustered = (io: CouncilServer) => clustered.has(io);

const eventName = (name: string) => `council:${name}`;

/** Run `handler` for `clusterEmit(io, name, …)` from this node and, in the shared mode, from the others. */
export function onCluster<A extends unknown[]>(io: CouncilServer, name: string, handler: (...args: A) => void): void {
  let byName = handlers.get(io);
  if (!byName) handlers.set(io, (byName = new Map()));
  if (byName.has(name)) throw new Error(`cluster handler ${name} is registered twice`);
  byName.set(name, handler as unknown as Handler);
  (io.on as unknown as (event: string, listener: (...args: A) => void) => void)(eventName(name), handler);
}

/** Run the `name` handler here, now, and on every other node. */
export function clusterEmit(io: CouncilServer, name: string, ...args: unknown[]): void {
  const handler = handlers.get(io)?.get(name);
  if (!handler) throw new Error(`no cluster handler ${name}`);
  handler(...args);
  if (clustered.has(io)) (io.serverSideEmit as (event: string, ...a: unknown[]) => boolean)(eventName(name), ...args);
}
