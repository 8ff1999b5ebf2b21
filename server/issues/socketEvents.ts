/** The register over Socket.IO: everyone who may read issues hears of new and changed ones; an issue's room carries its discussion. */
import { can } from '@shared/permissions';
import type { SocketFeature } from '../realtime/io';
import { presentStored, readableIssue } from './access';
import { registerRooms } from './broadcast';

export const issueFeature: SocketFeature = {
  roomsAtConnect: (actor) => (can(actor, 'issue.read') ? [registerRooms.register] : []),
  events: {
    'issue.join': async ({ issueId }, { actor, socket }) => {
      const issue = await readableIssue(actor, issueId);
      // The stored spelling: broadcasts name the room by it, and the payload's id may be upper case.
      await socket.join(registerRooms.issue(String(issue._id)));
      return { issue: await presentStored(issue) };
    },
    'issue.leave': async ({ issueId }, { socket }) => {
      await socket.leave(registerRooms.issue(issueId.toLowerCase()));
      return {};
    },
  },
};
