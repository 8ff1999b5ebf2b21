/** The register over Socket.IO: everyone who may read issues hears of new and changed ones; an issue's room carries its discussion. */
import { can } from '@shared/permissions';
import { issueAbilities } from '@shared/policies/issue';
import { readableVisibilities, VISIBILITIES } from '@shared/threads/rules';
import type { SocketFeature } from '../realtime/io';
import { joinThenRead } from '../realtime/rooms';
import { presentStored, readableIssue } from './access';
import { registerRooms } from './broadcast';
import { issueFacts } from './presenter';

export const issueFeature: SocketFeature = {
  roomsAtConnect: (actor) => (can(actor, 'issue.read') ? [registerRooms.register] : []),
  events: {
    'issue.join': async ({ issueId }, { actor, socket }) => {
      const id = String((await readableIssue(actor, issueId))._id);
      // History entries naming a restricted thread are named only in its readers' sub-room (history.ts).
      const restricted = readableVisibilities(actor).filter((v) => v !== 'council');
      const rooms = [registerRooms.issue(id), ...restricted.map((v) => registerRooms.issueReaders(id, v))];
      // Presented inside: a read that fails leaves the rooms again, as a thread's or a meeting's join does.
      return joinThenRead(socket, rooms, async () => {
        const issue = await readableIssue(actor, id);
        return { issue: await presentStored(issue), abilities: issueAbilities(actor, issueFacts(issue)) };
      });
    },
    'issue.leave': async ({ issueId }, { socket }) => {
      for (const room of [registerRooms.issue(issueId), ...VISIBILITIES.map((v) => registerRooms.issueReaders(issueId, v))])
        await socket.leave(room);
      return {};
    },
  },
};
