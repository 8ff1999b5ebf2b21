import { ErrorBody, IdParams } from '@shared/schemas/common';
import { User, UserCreateBody, UserCreated, UserList, UserUpdateBody } from '@shared/schemas/users';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { errorResponses } from '../http/responses';
import { recordAudit } from '../audit/log';
import type { UserWithOrganization } from './model';
import { presentUser } from './presenter';
import { createUser, listOrganizationUsers, setUserActive, updateUser } from './service';

const errors = errorResponses;
const accountTarget = (u: Pick<UserWithOrganization, '_id' | 'email'>) => ({ kind: 'user', id: String(u._id), label: u.email });

export function userRoutes({ realtime }: AppContext) {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/organizations/:id/users',
        tag: 'accounts',
        summary: "An organisation's accounts (its org admins, or the secretariat)",
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'accounts', schema: UserList }, ...errors },
      },
      async ({ actor, params }) => ({
        users: (await listOrganizationUsers({ actor, organizationId: params.id })).map(presentUser),
      }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/organizations/:id/users',
        tag: 'accounts',
        summary: 'Create an account; its temporary password is returned once',
        access: 'user',
        params: IdParams,
        body: UserCreateBody,
        status: 201,
        responses: { 201: { description: 'created', schema: UserCreated }, ...errors, 409: { description: 'e-mail in use', schema: ErrorBody } },
      },
      async ({ user: by, actor, params, body }) => {
        const { user, temporaryPassword } = await createUser({ actor, organizationId: params.id, input: body });
        await recordAudit({ actor: by, action: 'account.created', target: accountTarget(user), detail: { role: user.role, organizationId: params.id } });
        return { user: presentUser(user), temporaryPassword };
      },
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/users/:id',
        tag: 'accounts',
        summary: "Change an account's display name or role",
        access: 'user',
        params: IdParams,
        body: UserUpdateBody,
        responses: { 200: { description: 'updated', schema: User }, ...errors },
      },
      async ({ user: by, actor, params, body }) => {
        const user = await updateUser({ actor, userId: params.id, input: body, realtime });
        await recordAudit({ actor: by, action: 'account.updated', target: accountTarget(user), detail: { change: body } });
        return presentUser(user);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/users/:id/deactivate',
        tag: 'accounts',
        summary: 'Deactivate an account: it cannot sign in and its live sessions end at once',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'deactivated', schema: User }, ...errors },
      },
      async ({ user: by, actor, params }) => {
        const user = await setUserActive({ actor, userId: params.id, active: false, realtime });
        await recordAudit({ actor: by, action: 'account.deactivated', target: accountTarget(user) });
        return presentUser(user);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/users/:id/reactivate',
        tag: 'accounts',
        summary: 'Reactivate an account',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'reactivated', schema: User }, ...errors },
      },
      async ({ user: by, actor, params }) => {
        const user = await setUserActive({ actor, userId: params.id, active: true, realtime });
        await recordAudit({ actor: by, action: 'account.reactivated', target: accountTarget(user) });
        return presentUser(user);
      },
    ),
  ];
}
