/** The register over Socket.IO: everyone who may read issues hears of new and changed ones; an issue's room carries its discussion. */
import type { Request } from 'express';
import { can } from '@shared/permissions';
import { handleEvent } from '../realtime/events';
import type { CouncilSocket } from '../realtime/io';
import type { UserWithOrganization } from '../users/model';
import { toActor } from '../users/presenter';
import { presentStored, readableIssue } from './access';
import { registerRooms } from './broadcast';

export function registerIssueEvents(socket: CouncilSocket): void {
  const actor = toActor((socket.request as Request).user as UserWithOrganization);
  if (can(actor, 'issue.read')) void socket.join(registerRooms.register);

  handleEvent(socket, 'issue.join', actor, async ({ issueId }) => {
    const issue = await readableIssue(actor, issueId);
    // The stored spelling: broadcasts name the room by it, and the payload's id may be upper case.
    await socket.join(registerRooms.issue(String(issue._id)));
    return { issue: await presentStored(issue) };
  });
  handleEvent(socket, 'issue.leave', actor, async ({ issueId }) => {
    await socket.leave(registerRooms.issue(issueId.toLowerCase()));
    return {};
  });
}
