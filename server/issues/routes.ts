import { z } from 'zod';
import { IdParams, ObjectIdString } from '@shared/schemas/common';
import {
  AnswerBody,
  AnswerDraft,
  AnswerDrafts,
  CommentBody,
  Issue,
  IssueComment,
  IssueCreateBody,
  IssueDetail,
  IssueExportQuery,
  IssueFollow,
  IssueFollowBody,
  IssueBulkBody,
  IssueBulkResult,
  IssueLink,
  IssueList,
  IssueListQuery,
  IssueNote,
  IssueNotes,
  NoteBody,
  IssueUpdateBody,
  LinkBody,
  RegisterStats,
  SupportResult,
  TransitionBody,
} from '@shared/schemas/issues';
import type { Actor } from '@shared/domain';
import { recordAudit } from '../audit/log';
import type { AppContext } from '../context';
import { sendExport, XLSX_TYPE } from '../http/download';
import { conflictResponse, errorResponses } from '../http/responses';
import { defineRoute } from '../http/route';
import type { UserWithOrganization } from '../users/model';
import { bulkChangeIssues } from './bulk';
import { answerDrafts, discardAnswerDraft, saveAnswerDraft } from './answerDrafts';
import { addAnswer, addComment, editAnswer } from './comments';
import { issuesToCsv, issuesToXlsx } from './export';
import { setIssueFollow } from './follows';
import { issuesLinkedTo, setLink } from './links';
import { issuesForExport, listIssues, presentWithDuplicates } from './list';
import { addNote, notesOf } from './notes';
import { issueDetail, raiseIssue, updateIssue } from './service';
import { registerStats } from './stats';
import { setSupport } from './support';
import { transitionIssue } from './workflow';

const errors = errorResponses;
const EXPORT_MAX_ROWS = 10_000;
const REGISTER_FILE = { asciiName: 'register', japaneseName: '課題管理表' };
/** The filtered register for a download, put on the audit record with its filter and size. */
async function exportedIssues(user: UserWithOrganization, actor: Actor, query: IssueExportQuery, format: string) {
  const issues = await presentWithDuplicates(await issuesForExport(actor, query, EXPORT_MAX_ROWS));
  await recordAudit({ actor: user, action: 'export.issues', detail: { format, rows: issues.length, filter: query } });
  return issues;
}
const LinkParams = z.strictObject({ id: ObjectIdString, kind: z.enum(['thread', 'meeting']), targetId: ObjectIdString });
const LinkedIssues = z.object({ issues: z.array(z.object({ id: z.string(), number: z.string(), title: z.string(), status: z.string() })) });

export function issueRoutes({ register, postLimit }: AppContext) {
  const broadcast = register;
  return [
    defineRoute(
      {
        method: 'get',
        path: '/issues',
        tag: 'register',
        summary: 'The register, filtered, sorted and paged',
        access: 'user',
        query: IssueListQuery,
        responses: { 200: { description: 'a page of issues', schema: IssueList }, ...errors },
      },
      ({ actor, query }) => listIssues(actor, query),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/issues',
        tag: 'register',
        summary: 'Raise an issue',
        access: 'user',
        limit: postLimit.perPerson,
        body: IssueCreateBody,
        status: 201,
        responses: { 201: { description: 'raised', schema: Issue }, ...errors },
      },
      ({ user, body }) => raiseIssue({ user, body, broadcast }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/issues/bulk',
        tag: 'register',
        summary: '一括操作: change the status or routing of up to 100 issues (secretariat); a result per issue',
        access: 'user',
        limit: postLimit.perPerson,
        body: IssueBulkBody,
        responses: { 200: { description: 'what happened to each issue, in order', schema: IssueBulkResult }, ...errors },
      },
      ({ user, body }) => bulkChangeIssues({ user, body, broadcast }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/issues/stats',
        tag: 'register',
        summary: 'Dashboard figures',
        access: 'user',
        responses: { 200: { description: 'figures', schema: RegisterStats }, ...errors },
      },
      ({ actor }) => registerStats(actor),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/issues/export.xlsx',
        tag: 'register',
        summary: 'The filtered register as an Excel workbook',
        access: 'user',
        query: IssueExportQuery,
        responses: { 200: { description: 'the workbook', contentType: XLSX_TYPE }, ...errors },
      },
      async ({ user, actor, query, res }) => {
        const issues = await exportedIssues(user, actor, query, 'xlsx');
        sendExport(res, { format: 'xlsx', data: await issuesToXlsx(issues), ...REGISTER_FILE });
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/issues/export.csv',
        tag: 'register',
        summary: 'The filtered register as CSV (UTF-8 with BOM)',
        access: 'user',
        query: IssueExportQuery,
        responses: { 200: { description: 'the CSV', contentType: 'text/csv' }, ...errors },
      },
      async ({ user, actor, query, res }) => {
        const issues = await exportedIssues(user, actor, query, 'csv');
        sendExport(res, { format: 'csv', data: issuesToCsv(issues), ...REGISTER_FILE });
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/issues/:id',
        tag: 'register',
        summary: 'An issue with supporters, comments, answers, history and links',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'the issue', schema: IssueDetail }, ...errors },
      },
      ({ actor, params }) => issueDetail(actor, params.id),
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/issues/:id',
        tag: 'register',
        summary: 'Change an issue (raiser while new; secretariat always; priority, ministry and due date: secretariat)',
        access: 'user',
        params: IdParams,
        body: IssueUpdateBody,
        responses: { 200: { description: 'changed', schema: Issue }, ...errors },
      },
      ({ user, params, body }) => updateIssue({ user, issueId: params.id, change: body, broadcast }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/issues/:id/transition',
        tag: 'register',
        summary: 'Move an issue to another status (secretariat; only allowed transitions)',
        access: 'user',
        params: IdParams,
        body: TransitionBody,
        responses: { 200: { description: 'moved', schema: Issue }, ...errors, ...conflictResponse },
      },
      ({ user, params, body }) => transitionIssue({ user, issueId: params.id, body, broadcast }),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/issues/:id/support',
        tag: 'register',
        summary: "Support an issue for one's organisation (once per organisation)",
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'support state', schema: SupportResult }, ...errors, ...conflictResponse },
      },
      ({ user, params }) => setSupport({ user, issueId: params.id, on: true, broadcast }),
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/issues/:id/support',
        tag: 'register',
        summary: "Withdraw one's organisation's support",
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'support state', schema: SupportResult }, ...errors, ...conflictResponse },
      },
      ({ user, params }) => setSupport({ user, issueId: params.id, on: false, broadcast }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/issues/:id/notes',
        tag: 'register',
        summary: "事務局メモ: the secretariat's internal notes on an issue (secretariat only)",
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'the notes, oldest first', schema: IssueNotes }, ...errors },
      },
      ({ actor, params }) => notesOf(actor, params.id),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/issues/:id/notes',
        tag: 'register',
        summary: 'Add an internal note (secretariat only; never shown to anyone else)',
        access: 'user',
        limit: postLimit.perPerson,
        params: IdParams,
        body: NoteBody,
        status: 201,
        responses: { 201: { description: 'added', schema: IssueNote }, ...errors },
      },
      ({ user, params, body }) => addNote({ user, issueId: params.id, body: body.body }),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/issues/:id/follow',
        tag: 'register',
        summary: 'Follow, leave to normal or mute an issue (one\'s own choice; the register\'s "following" filter)',
        access: 'user',
        params: IdParams,
        body: IssueFollowBody,
        responses: { 200: { description: 'how the reader now follows it', schema: IssueFollow }, ...errors },
      },
      ({ actor, params, body }) => setIssueFollow({ actor, issueId: params.id, state: body.state }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/issues/:id/comments',
        tag: 'register',
        summary: 'Comment on an issue',
        access: 'user',
        limit: postLimit.perPerson,
        params: IdParams,
        body: CommentBody,
        status: 201,
        responses: { 201: { description: 'posted', schema: IssueComment }, ...errors },
      },
      ({ user, params, body }) => addComment({ user, issueId: params.id, body: body.body, broadcast }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/issues/:id/answers',
        tag: 'register',
        summary: 'Publish an official answer (secretariat, or the ministry the issue is routed to); moves it to 回答済',
        access: 'user',
        limit: postLimit.perPerson,
        params: IdParams,
        body: AnswerBody,
        status: 201,
        responses: { 201: { description: 'published', schema: IssueComment }, ...errors, ...conflictResponse },
      },
      ({ user, params, body }) => addAnswer({ user, issueId: params.id, body: body.body, broadcast }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/issues/:id/answer-drafts',
        tag: 'register',
        summary: "Official answers being drafted: one's own organisation's (whoever may answer); every organisation's (the secretariat)",
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'drafts', schema: AnswerDrafts }, ...errors },
      },
      ({ actor, params }) => answerDrafts(actor, params.id),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/issues/:id/answer-draft',
        tag: 'register',
        summary: "Save one's organisation's draft of an official answer (whoever may answer the issue)",
        access: 'user',
        // Saving a draft is a write like posting it: the same per-person pace.
        limit: postLimit.perPerson,
        params: IdParams,
        body: AnswerBody,
        responses: { 200: { description: 'saved', schema: AnswerDraft }, ...errors, ...conflictResponse },
      },
      ({ user, params, body }) => saveAnswerDraft({ user, issueId: params.id, body: body.body }),
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/issues/:id/answer-draft',
        tag: 'register',
        summary: "Discard one's organisation's draft answer",
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'discarded', schema: z.object({ discarded: z.boolean() }) }, ...errors, ...conflictResponse },
      },
      ({ actor, params }) => discardAnswerDraft({ actor, issueId: params.id }),
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/issue-answers/:id',
        tag: 'register',
        summary: "Edit one's own official answer",
        access: 'user',
        params: IdParams,
        body: AnswerBody,
        responses: { 200: { description: 'edited', schema: IssueComment }, ...errors },
      },
      ({ user, params, body }) => editAnswer({ user, commentId: params.id, body: body.body, broadcast }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/issues/:id/links',
        tag: 'register',
        summary: 'Link a thread to the issue',
        access: 'user',
        params: IdParams,
        body: LinkBody,
        responses: { 200: { description: 'the links', schema: z.object({ links: z.array(IssueLink) }) }, ...errors },
      },
      async ({ user, params, body }) => ({
        links: await setLink({ user, issueId: params.id, kind: body.kind, targetId: body.id, on: true, broadcast }),
      }),
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/issues/:id/links/:kind/:targetId',
        tag: 'register',
        summary: 'Remove a link',
        access: 'user',
        params: LinkParams,
        responses: { 200: { description: 'the links', schema: z.object({ links: z.array(IssueLink) }) }, ...errors },
      },
      async ({ user, params }) => ({
        links: await setLink({ user, issueId: params.id, kind: params.kind, targetId: params.targetId, on: false, broadcast }),
      }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/threads/:id/issues',
        tag: 'register',
        summary: 'Issues linked to a thread',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'linked issues', schema: LinkedIssues }, ...errors },
      },
      async ({ actor, params }) => ({ issues: await issuesLinkedTo(actor, 'thread', params.id) }),
    ),
  ];
}
