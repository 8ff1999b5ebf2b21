/**
 * `npm start`'s server process and mail: without SMTP_HOST, development runs the local mail catcher
 * (a real SMTP server: mail sent to it is listed at /api/dev/mail) and says where in one line;
 * production sends no mail, says so, and has no catcher routes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaughtMailList } from '../shared/schemas/mail';
import { ApiClient } from './support/client';
import { startServerProcess, stopServerProcess } from './support/process';

const dataDir = mkdtempSync(path.join(tmpdir(), 'council-mail-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const logLine = (output: string[], msg: RegExp) =>
  output.flatMap((line) => {
    try {
      const entry = JSON.parse(line) as { msg?: string; level?: string; smtpPort?: number };
      return entry.msg && msg.test(entry.msg) ? [entry] : [];
    } catch {
      return [];
    }
  })[0];

describe('mail when the server starts', () => {
  it('runs the local mail catcher in development, and serves what it caught', async () => {
    const server = await startServerProcess(path.join(dataDir, 'development'), { LOG_LEVEL: 'info' });
    try {
      const port = new URL(server.baseUrl).port;
      await expect.poll(() => logLine(server.output, /^mail catcher:/), { timeout: 10_000 }).toBeDefined();
      const line = logLine(server.output, /^mail catcher:/)!;
      expect(line.msg).toBe(`mail catcher: caught mail at http://127.0.0.1:${port}/api/dev/mail`);

      // A real SMTP server on its port: what is sent there is listed.
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: line.smtpPort!, secure: false, ignoreTLS: true });
      await transport.sendMail({ from: 'a@example.jp', to: 'dev@demo.example', subject: '届きましたか', text: '本文' });
      transport.close();
      const client = new ApiClient(server.baseUrl);
      expect((await client.get('/api/dev/mail')).status).toBe(401);
      expect((await client.post('/api/auth/login', { email: 'dev@demo.example', password: 'council-demo' })).status).toBe(200);
      const list = await client.get<CaughtMailList>('/api/dev/mail');
      expect(list.body.mail.find((m) => m.subject === '届きましたか')).toMatchObject({ from: 'a@example.jp', to: ['dev@demo.example'] });
    } finally {
      expect(await stopServerProcess(server.child)).toBe(0);
    }
  }, 120_000);

  it('sends no mail in production without SMTP_HOST, and says so', async () => {
    const server = await startServerProcess(path.join(dataDir, 'production'), {
      NODE_ENV: 'production',
      SESSION_SECRET: 's'.repeat(40),
      LOG_LEVEL: 'info',
    });
    try {
      expect(logLine(server.output, /^mail: off/)?.level).toBe('warn');
      expect(logLine(server.output, /^mail catcher:/)).toBeUndefined();
      expect((await new ApiClient(server.baseUrl).get('/api/dev/mail')).status).toBe(404);
    } finally {
      expect(await stopServerProcess(server.child)).toBe(0);
    }
  }, 120_000);
});
