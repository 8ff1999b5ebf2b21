/** 保存したビュー: REST for a person's own saved register views (server/issues/savedViews.ts). */
import { SavedView, SavedViewCreateBody, SavedViewList, SavedViewParams, SavedViewUpdateBody } from '@shared/schemas/savedViews';
import { ErrorBody } from '@shared/schemas/common';
import { errorResponses } from '../http/responses';
import { defineRoute } from '../http/route';
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from './savedViews';

const errors = errorResponses;
const taken = { 409: { description: 'the name is taken, or 20 views are saved already', schema: ErrorBody } };

export function savedViewRoutes() {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/register-views',
        tag: 'register',
        summary: 'My saved register views (保存したビュー)',
        access: 'user',
        responses: { 200: { description: 'my views, oldest first', schema: SavedViewList }, ...errors },
      },
      ({ actor }) => listSavedViews(actor),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/register-views',
        tag: 'register',
        summary: 'Save a register view (its URL query string) under a name; at most 20 per person',
        access: 'user',
        body: SavedViewCreateBody,
        status: 201,
        responses: { 201: { description: 'saved', schema: SavedView }, ...errors, ...taken },
      },
      ({ actor, body }) => createSavedView(actor, body),
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/register-views/:id',
        tag: 'register',
        summary: 'Rename one of my saved views or change its query',
        access: 'user',
        params: SavedViewParams,
        body: SavedViewUpdateBody,
        responses: { 200: { description: 'updated', schema: SavedView }, ...errors, ...taken },
      },
      ({ actor, params, body }) => updateSavedView(actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/register-views/:id',
        tag: 'register',
        summary: 'Delete one of my saved views',
        access: 'user',
        params: SavedViewParams,
        responses: { 204: { description: 'deleted' }, ...errors },
      },
      ({ actor, params }) => deleteSavedView(actor, params.id),
    ),
  ];
}
