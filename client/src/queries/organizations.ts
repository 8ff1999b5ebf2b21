/** The organisation directory and the 20 business areas. */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { BusinessAreaSchema, Organization, OrganizationList, OrganizationQuery, OrganizationUpdateBody } from '@shared/schemas/organizations';
import type { BusinessAreaList } from '@shared/schemas/system';
import { BUSINESS_AREAS } from '@shared/reference/council';
import { api } from '@client/api';
import { getQuery } from './getQuery';
import { organizationKeys, systemKeys } from './keys';

export type BusinessArea = z.infer<typeof BusinessAreaSchema>;

const DIRECTORY_STALE_MS = 5 * 60_000; // Organisations change rarely; the secretariat edits them.

function organizationsPath(filters: OrganizationQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value !== undefined) params.set(name, String(value));
  const query = params.toString();
  return query ? `/api/organizations?${query}` : '/api/organizations';
}

/** The directory's reads; hooks and cache writers take their keys and fetches from here. */
export const organizationQueries = {
  /** All organisations matching `filters`, for the pickers (the server sends them all at once; there are < 200). */
  list: (filters: OrganizationQuery = {}) =>
    getQuery<OrganizationList>(organizationKeys.list(filters), organizationsPath(filters), { staleTime: DIRECTORY_STALE_MS }),
  /** A page of the directory (`page`, `pageSize`): the rows on screen stay until the next page arrives. */
  page: (query: OrganizationQuery & { page: number }) =>
    getQuery<OrganizationList>(organizationKeys.list(query), organizationsPath(query), { staleTime: DIRECTORY_STALE_MS, placeholderData: keepPreviousData }),
  detail: (id: string) =>
    getQuery<Organization>(organizationKeys.detail(id), `/api/organizations/${encodeURIComponent(id)}`, { staleTime: DIRECTORY_STALE_MS }),
  /** The 20 business areas (the council's reference data). */
  businessAreas: () =>
    queryOptions({
      queryKey: systemKeys.businessAreas,
      queryFn: async ({ signal }) => (await api.get<BusinessAreaList>('/api/business-areas', signal)).businessAreas,
      // The reference data ships with the client, so labels show at once; the server's copy wins.
      placeholderData: BUSINESS_AREAS,
      staleTime: Infinity,
    }),
};

export const useOrganizations = (filters: OrganizationQuery = {}) => useQuery(organizationQueries.list(filters));
export const useOrganizationPage = (query: OrganizationQuery & { page: number }) => useQuery(organizationQueries.page(query));

function findInLists(queryClient: QueryClient, id: string): Organization | undefined {
  for (const [, list] of queryClient.getQueriesData<OrganizationList>({ queryKey: organizationKeys.lists })) {
    const found = list?.organizations.find((o) => o.id === id);
    if (found) return found;
  }
  return undefined;
}

export function useOrganization(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    ...organizationQueries.detail(id),
    // Coming from the directory, show what we already have while the detail loads.
    placeholderData: () => findInLists(queryClient, id),
  });
}

/** The secretariat changes an organisation: its detail is stored, the lists that show it refetched. */
export function useUpdateOrganization(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: OrganizationUpdateBody) => api.patch<Organization>(`/api/organizations/${encodeURIComponent(id)}`, changes),
    onSuccess: (organization) => {
      queryClient.setQueryData(organizationKeys.detail(id), organization);
      void queryClient.invalidateQueries({ queryKey: organizationKeys.lists });
    },
  });
}

export const useBusinessAreas = () => useQuery(organizationQueries.businessAreas());
