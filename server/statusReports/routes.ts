/**
 * 開発状況報告: the rounds, the reports and who may submit them — the routes read top-down
 * (server/http/route.ts); each hands its work to a service function, which checks the policy. The
 * secretariat's picture, progress and exports are pictureRoutes.ts.
 */
import { IdParams } from '@shared/schemas/common';
import {
  Report,
  ReportDraftBody,
  ReportParams,
  Reporters,
  ReportersBody,
  ReportVersions,
  ReturnBody,
  Round,
  RoundCreateBody,
  RoundList,
  RoundListQuery,
  RoundUpdateBody,
  StatusReminder,
} from '@shared/schemas/statusReports';
import type { AppContext } from '../context';
import { conflictResponse, errorResponses } from '../http/responses';
import { defineRoute } from '../http/route';
import { createStatusBroadcast } from './broadcast';
import { remindRound } from './remind';
import { listReporters, setReporters } from './reporters';
import { reportDetail, reportVersions, returnReport, saveDraft, submitReport } from './reports';
import { closeRound, createRound, listRounds, openRound, roundDetail, updateRound } from './rounds';

const errors = errorResponses;
const TAG = 'status';

export function statusReportRoutes({ realtime, postLimit, notifier }: AppContext) {
  const broadcast = createStatusBroadcast(realtime.io);
  return [
    defineRoute(
      {
        method: 'get',
        path: '/status/rounds',
        tag: TAG,
        summary: 'Reporting rounds (開発状況調査), newest first: every one but a draft for everyone, drafts for the secretariat',
        access: 'user',
        query: RoundListQuery,
        responses: { 200: { description: 'the rounds', schema: RoundList }, ...errors },
      },
      ({ actor, query }) => listRounds({ actor, query }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/status/rounds',
        tag: TAG,
        summary: 'Write a reporting round (secretariat; starts as a draft; audited)',
        access: 'user',
        limit: postLimit.perPerson,
        body: RoundCreateBody,
        status: 201,
        responses: { 201: { description: 'the draft round', schema: Round }, ...errors },
      },
      ({ user, body }) => createRound({ user, body, broadcast }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/status/rounds/:id',
        tag: TAG,
        summary: 'A reporting round, with its counts and the reader’s organisation’s report state',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'the round', schema: Round }, ...errors },
      },
      ({ actor, params }) => roundDetail({ actor, roundId: params.id }),
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/status/rounds/:id',
        tag: TAG,
        summary: 'Change a round (secretariat): a draft freely, an open round’s title, deadline and note only (409 otherwise)',
        access: 'user',
        limit: postLimit.perPerson,
        params: IdParams,
        body: RoundUpdateBody,
        responses: { 200: { description: 'changed', schema: Round }, ...errors, ...conflictResponse },
      },
      ({ user, params, body }) => updateRound({ user, roundId: params.id, body, broadcast }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/status/rounds/:id/open',
        tag: TAG,
        summary: 'Open a draft round: the vendors expected to report are notified (secretariat; audited)',
        access: 'user',
        limit: postLimit.perPerson,
        params: IdParams,
        responses: { 200: { description: 'opened', schema: Round }, ...errors, ...conflictResponse },
      },
      ({ user, params }) => openRound({ user, roundId: params.id, broadcast, notifier }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/status/rounds/:id/close',
        tag: TAG,
        summary: 'Close an open round: its reports are fixed (secretariat; audited)',
        access: 'user',
        limit: postLimit.perPerson,
        params: IdParams,
        responses: { 200: { description: 'closed', schema: Round }, ...errors, ...conflictResponse },
      },
      ({ user, params }) => closeRound({ user, roundId: params.id, broadcast }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/status/rounds/:id/remind',
        tag: TAG,
        summary: 'Remind the organisations of an open round that have not submitted (secretariat; logged and audited)',
        access: 'user',
        limit: postLimit.perPerson,
        params: IdParams,
        status: 201,
        responses: { 201: { description: 'the reminder as logged', schema: StatusReminder }, ...errors, ...conflictResponse },
      },
      ({ user, params }) => remindRound({ user, roundId: params.id, notifier, broadcast }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/status/rounds/:id/reports/:orgId',
        tag: TAG,
        summary:
          'An organisation’s report in a round: its own members and the secretariat whole; a ministry the areas it oversees, without the comment; anyone else: not found',
        access: 'user',
        params: ReportParams,
        responses: { 200: { description: 'the report (empty, `notStarted`, when nothing is saved)', schema: Report }, ...errors },
      },
      ({ actor, params }) => reportDetail({ actor, roundId: params.id, organizationId: params.orgId }),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/status/rounds/:id/reports/:orgId/draft',
        tag: TAG,
        summary:
          'Save the report as it is typed: the areas given replace those areas (the organisation’s members, while the round is open)',
        access: 'user',
        limit: postLimit.perPerson,
        params: ReportParams,
        body: ReportDraftBody,
        responses: {
          200: { description: 'the report as saved, with what a submission would refuse', schema: Report },
          ...errors,
          ...conflictResponse,
        },
      },
      ({ user, params, body }) => saveDraft({ user, roundId: params.id, organizationId: params.orgId, body, broadcast }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/status/rounds/:id/reports/:orgId/submit',
        tag: TAG,
        summary: 'Submit the report as a new version (org admins and the members they allowed; every rule checked; audited)',
        access: 'user',
        limit: postLimit.perPerson,
        params: ReportParams,
        responses: { 200: { description: 'submitted', schema: Report }, ...errors, ...conflictResponse },
      },
      ({ user, params }) => submitReport({ user, roundId: params.id, organizationId: params.orgId, broadcast }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/status/rounds/:id/reports/:orgId/return',
        tag: TAG,
        summary: 'Return a submitted report for correction, with the reason; the organisation is notified (secretariat; audited)',
        access: 'user',
        limit: postLimit.perPerson,
        params: ReportParams,
        body: ReturnBody,
        responses: { 200: { description: 'returned', schema: Report }, ...errors, ...conflictResponse },
      },
      ({ user, params, body }) => returnReport({ user, roundId: params.id, organizationId: params.orgId, body, broadcast, notifier }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/status/rounds/:id/reports/:orgId/versions',
        tag: TAG,
        summary:
          'Every submission of the report, newest first, and the organisation’s submission in the previous round (as the report is read)',
        access: 'user',
        params: ReportParams,
        responses: { 200: { description: 'the versions', schema: ReportVersions }, ...errors },
      },
      ({ actor, params }) => reportVersions({ actor, roundId: params.id, organizationId: params.orgId }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/organizations/:id/status-reporters',
        tag: TAG,
        summary: 'The members an organisation’s admins allowed to submit its status reports (its org admins, or the secretariat)',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'the allowed members', schema: Reporters }, ...errors },
      },
      ({ actor, params }) => listReporters({ actor, organizationId: params.id }),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/organizations/:id/status-reporters',
        tag: TAG,
        summary: 'Set the members allowed to submit the organisation’s status reports (active members only; audited)',
        access: 'user',
        limit: postLimit.perPerson,
        params: IdParams,
        body: ReportersBody,
        responses: { 200: { description: 'the allowed members', schema: Reporters }, ...errors },
      },
      ({ user, params, body }) => setReporters({ user, organizationId: params.id, body }),
    ),
  ];
}
