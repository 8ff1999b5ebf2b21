import { ErrorBody, IdParams } from '@shared/schemas/common';
import { User, UserCreateBody, UserCreated, UserList, UserUpdateBody } from '@shared/schemas/users';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { errorResponses } from '../http/responses';
import { presentUser } from './presenter';
import { createUser, listOrganizationUsers, setUserActive, updateUser } from './service';

const errors = errorResponses;

export function userRoutes({ realtime, notifier }: AppContext) {
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
        responses: {
          201: { description: 'created', schema: UserCreated },
          ...errors,
          409: { description: 'e-mail in use', schema: ErrorBody },
        },
      },
      async ({ user: by, params, body }) => {
        const { user, temporaryPassword } = await createUser({ by, organizationId: params.id, input: body });
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
      async ({ user: by, params, body }) => presentUser(await updateUser({ by, userId: params.id, input: body, realtime, notifier })),
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
      async ({ user: by, params }) => presentUser(await setUserActive({ by, userId: params.id, active: false, realtime })),
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
      async ({ user: by, params }) => presentUser(await setUserActive({ by, userId: params.id, active: true, realtime })),
    ),
  ];
}
