/** 保存したビュー: one's own saved register views (at most 20), and their writes, which update the one list in place. */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SavedView, SavedViewCreateBody, SavedViewList, SavedViewUpdateBody } from '@shared/schemas/savedViews';
import { api } from '@client/api';
import { getQuery } from './getQuery';
import { savedViewKeys } from './keys';

const viewPath = (id: string) => `/api/register-views/${encodeURIComponent(id)}`;

export const savedViewQueries = {
  mine: () => getQuery<SavedViewList>(savedViewKeys.mine, '/api/register-views', { staleTime: 60_000 }),
};

export const useSavedViews = () => useQuery(savedViewQueries.mine());

function storeViews(queryClient: QueryClient, change: (views: SavedView[]) => SavedView[]) {
  queryClient.setQueryData<SavedViewList>(savedViewKeys.mine, (list) => list && { ...list, views: change(list.views) });
}

export function useCreateSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SavedViewCreateBody) => api.post<SavedView>('/api/register-views', body),
    onSuccess: (view) => storeViews(queryClient, (views) => [...views, view]),
  });
}

export function useUpdateSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: SavedViewUpdateBody }) => api.patch<SavedView>(viewPath(id), change),
    onSuccess: (view) => storeViews(queryClient, (views) => views.map((v) => (v.id === view.id ? view : v))),
  });
}

export function useDeleteSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(viewPath(id)),
    onSuccess: (_done, id) => storeViews(queryClient, (views) => views.filter((v) => v.id !== id)),
  });
}
