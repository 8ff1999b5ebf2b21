import { ErrorBody, IdParams } from '@shared/schemas/common';
import {
  Organization,
  OrganizationCreateBody,
  OrganizationList,
  OrganizationQuery,
  OrganizationUpdateBody,
} from '@shared/schemas/organizations';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { presentOrganization } from './presenter';
import { createOrganization, getOrganization, listOrganizations, updateOrganization } from './service';

const errors = {
  400: { description: 'invalid input', schema: ErrorBody },
  401: { description: 'not signed in', schema: ErrorBody },
};

export function organizationRoutes({ realtime }: Pick<AppContext, 'realtime'>) {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/organizations',
        tag: 'organizations',
        summary: 'The directory: the matching organisations (a page of them with page/pageSize), with counts by kind and vendor type',
        access: 'user',
        query: OrganizationQuery,
        responses: { 200: { description: 'organisations', schema: OrganizationList }, ...errors },
      },
      async ({ query }) => {
        const { organizations, ...rest } = await listOrganizations(query);
        return { organizations: organizations.map(presentOrganization), ...rest };
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/organizations/:id',
        tag: 'organizations',
        summary: 'One organisation',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'organisation', schema: Organization }, ...errors, 404: { description: 'not found', schema: ErrorBody } },
      },
      async ({ params }) => presentOrganization(await getOrganization(params.id)),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/organizations',
        tag: 'organizations',
        summary: 'Register a member vendor or an observer (secretariat)',
        access: 'user',
        body: OrganizationCreateBody,
        status: 201,
        responses: {
          201: { description: 'created', schema: Organization },
          ...errors,
          403: { description: 'not permitted', schema: ErrorBody },
          409: { description: 'key or corporate number in use', schema: ErrorBody },
        },
      },
      async ({ user, body }) => presentOrganization(await createOrganization({ by: user, input: body })),
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/organizations/:id',
        tag: 'organizations',
        summary: "Change an organisation's names, business areas, vendor type or corporate number (secretariat)",
        access: 'user',
        params: IdParams,
        body: OrganizationUpdateBody,
        responses: {
          200: { description: 'updated', schema: Organization },
          ...errors,
          403: { description: 'not permitted', schema: ErrorBody },
          404: { description: 'not found', schema: ErrorBody },
          409: { description: 'conflict', schema: ErrorBody },
        },
      },
      async ({ user, params, body }) => presentOrganization(await updateOrganization({ by: user, id: params.id, input: body, realtime })),
    ),
  ];
}
