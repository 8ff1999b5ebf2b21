/** An organisation's accounts, as org admins and the secretariat manage them. */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { User, UserCreateBody, UserCreated, UserList, UserUpdateBody } from '@shared/schemas/users';
import { api } from '@client/api';
import { getQuery } from './getQuery';
import { meKeys, organizationKeys } from './keys';

export type UserCreatedResponse = UserCreated;

export const userQueries = {
  ofOrganization: (organizationId: string) =>
    getQuery<UserList>(organizationKeys.users(organizationId), `/api/organizations/${encodeURIComponent(organizationId)}/users`),
};

/** Off until an organisation is chosen. */
export const useOrganizationUsers = (organizationId: string | undefined) =>
  useQuery({ ...userQueries.ofOrganization(organizationId ?? ''), enabled: Boolean(organizationId) });

/** Write the stored user into its organisation's list, and refresh "me" if it is the viewer. */
function storeUser(queryClient: QueryClient, user: User): void {
  queryClient.setQueryData<UserList>(organizationKeys.users(user.organization.id), (list) => {
    if (!list) return list;
    const exists = list.users.some((u) => u.id === user.id);
    return { users: exists ? list.users.map((u) => (u.id === user.id ? user : u)) : [...list.users, user] };
  });
  const me = queryClient.getQueryData<{ id: string } | null>(meKeys.me);
  if (me?.id === user.id) void queryClient.invalidateQueries({ queryKey: meKeys.me });
}

export function useCreateUser(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreateBody) =>
      api.post<UserCreatedResponse>(`/api/organizations/${encodeURIComponent(organizationId)}/users`, body),
    onSuccess: ({ user }) => storeUser(queryClient, user),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UserUpdateBody }) =>
      api.patch<User>(`/api/users/${encodeURIComponent(id)}`, changes),
    onSuccess: (user) => storeUser(queryClient, user),
  });
}

export function useSetUserActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api.post<User>(`/api/users/${encodeURIComponent(id)}/${active ? 'reactivate' : 'deactivate'}`),
    onSuccess: (user) => storeUser(queryClient, user),
  });
}

/** 担当者 choices: the secretariat's active members, as {id, displayName} (read by the secretariat itself; off for others). */
export function useSecretariatMembers(me: { organization: { id: string; kind: string } }) {
  const secretariat = me.organization.kind === 'secretariat';
  const users = useOrganizationUsers(secretariat ? me.organization.id : undefined);
  return (users.data?.users ?? []).filter((u) => u.active).map((u) => ({ id: u.id, displayName: u.displayName }));
}
