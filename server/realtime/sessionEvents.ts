import type { SocketFeature } from './io';

/** Events about the connection itself. Feature modules define their own beside this one. */
export const sessionFeature: SocketFeature = {
  events: {
    'session.ping': (_payload, { actor }) => ({ userId: actor.id, serverTime: Date.now() }),
  },
};
