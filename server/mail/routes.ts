/**
 * E-mail's routes: the one-click unsubscribe every mail links to (public: the token is the
 * credential), and outside production the local mail catcher's inbox.
 */
import express, { type Request, type Response } from 'express';
import { CaughtMail, CaughtMailList, CaughtMailParams, UnsubscribeBody, UnsubscribeQuery, UnsubscribeTarget } from '@shared/schemas/mail';
import { ErrorBody } from '@shared/schemas/common';
import type { Config } from '../config';
import { hasUnreadBody, requireUtf8 } from '../http/body';
import { badRequest, fromZodError, notFound, unsupportedMediaType } from '../http/errors';
import { errorResponses } from '../http/responses';
import { defineRoute, type RouteDefinition } from '../http/route';
import { peopleView } from '../users/peopleView';
import type { CaughtMessage, MailCatcher } from './catcher';
import { unsubscribePagePath } from './links';
import { maskEmail, readUnsubscribeToken, unsubscribe, unsubscribeKey } from './unsubscribe';

const UNSUBSCRIBE_PATH = '/mail/unsubscribe';

/**
 * The one route exempt from the cross-site refusal (app.ts, http/origin.ts). A mail provider's
 * one-click unsubscribe (RFC 8058) POSTs from its own servers or pages, so it never carries our
 * Origin; and the refusal protects what a session may do, while this route ignores any session:
 * the signed token in its URL is the whole credential, and all it can do is turn one kind of the
 * token's own person's e-mail down to the inbox.
 */
export const isOneClickUnsubscribe = (req: Request) => req.method === 'POST' && req.path === UNSUBSCRIBE_PATH;

/** The one-click form (`List-Unsubscribe=One-Click`), parsed for this route alone; the API takes JSON everywhere else. */
const oneClickForm = express.urlencoded({ extended: false, limit: '1kb', verify: requireUtf8 });

async function readOneClickForm(req: Request, res: Response): Promise<void> {
  if (req.is('application/x-www-form-urlencoded')) {
    await new Promise<void>((resolve, reject) => oneClickForm(req, res, (err: unknown) => (err ? reject(err) : resolve())));
    const form = UnsubscribeBody.safeParse(req.body ?? {});
    if (!form.success) throw fromZodError(form.error, 'body');
  } else if (hasUnreadBody(req)) {
    throw unsupportedMediaType('body: send the one-click form (application/x-www-form-urlencoded) or JSON');
  }
}

async function unsubscribeTarget(key: Buffer, token: string) {
  const named = readUnsubscribeToken(key, token);
  if (!named) throw badRequest('query.token: this unsubscribe link is not valid', 'query.token');
  const row = (await peopleView.current()).get(named.userId);
  if (row?.kind !== 'user') throw notFound('account');
  return { ...named, email: maskEmail(row.doc.email) };
}

const caughtSummary = (m: CaughtMessage) => ({
  id: m.id,
  at: m.at.toISOString(),
  messageId: m.parsed.messageId ?? null,
  from: m.parsed.from?.text ?? m.envelope.from,
  to: m.envelope.to,
  subject: m.parsed.subject ?? '',
});

export interface MailRouteOptions {
  config: Config;
  sessionSecret: string;
  /** The local mail catcher, whose inbox is served outside production. */
  catcher?: MailCatcher | undefined;
}

export function mailRoutes({ config, sessionSecret, catcher }: MailRouteOptions): RouteDefinition[] {
  const key = unsubscribeKey(sessionSecret);
  const routes = [
    defineRoute(
      {
        method: 'get',
        path: UNSUBSCRIBE_PATH,
        tag: 'mail',
        summary: 'What an unsubscribe link stops, and for which (masked) address; a browser is sent on to the confirmation page',
        access: 'public',
        query: UnsubscribeQuery,
        responses: {
          200: { description: 'the kind and the masked address', schema: UnsubscribeTarget },
          303: { description: 'a browser: to the confirmation page /unsubscribe' },
          400: errorResponses[400],
          404: errorResponses[404],
        },
      },
      async ({ req, res, query }) => {
        const { kind, email } = await unsubscribeTarget(key, query.token);
        // A mail client without one-click support opens the link in a browser: show it the page, not JSON.
        if (req.accepts(['json', 'html']) === 'html') return void res.redirect(303, unsubscribePagePath(query.token));
        return { kind, email };
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: UNSUBSCRIBE_PATH,
        tag: 'mail',
        summary:
          'One-click unsubscribe (RFC 8058): that kind of e-mail (or, for a digest, the digest) becomes inbox only. Takes the form `List-Unsubscribe=One-Click` or JSON `{}`; no session needed',
        access: 'public',
        query: UnsubscribeQuery,
        body: UnsubscribeBody,
        // The form is read by the handler (readOneClickForm), for this route alone.
        rawBody: true,
        responses: {
          200: { description: 'stopped: the kind and the masked address', schema: UnsubscribeTarget },
          400: errorResponses[400],
          404: errorResponses[404],
          415: { description: 'a body neither the form nor JSON', schema: ErrorBody },
        },
      },
      async ({ req, res, query }) => {
        await readOneClickForm(req, res);
        const target = await unsubscribeTarget(key, query.token);
        await unsubscribe(target.userId, target.kind);
        return { kind: target.kind, email: target.email };
      },
    ),
  ];
  if (!catcher || config.NODE_ENV === 'production') return routes;
  return [
    ...routes,
    defineRoute(
      {
        method: 'get',
        path: '/dev/mail',
        tag: 'development',
        summary: 'Mail the local mail catcher caught, newest first (outside production, without SMTP_HOST)',
        access: 'user',
        responses: { 200: { description: 'caught mail', schema: CaughtMailList }, ...errorResponses },
      },
      () => ({ mail: catcher.caught().map(caughtSummary).reverse() }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/dev/mail/:id',
        tag: 'development',
        summary: 'One caught mail: its text, HTML and headers',
        access: 'user',
        params: CaughtMailParams,
        responses: { 200: { description: 'the mail', schema: CaughtMail }, ...errorResponses },
      },
      ({ params }) => {
        const caught = catcher.find(params.id);
        if (!caught) throw notFound('caught mail');
        const headers: Record<string, string> = {};
        for (const line of caught.parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
        return {
          ...caughtSummary(caught),
          text: caught.parsed.text ?? '',
          html: caught.parsed.html === false ? null : caught.parsed.html,
          headers,
        };
      },
    ),
  ];
}
