/**
 * Issue 16, findings 6 and 14: uploads keep honest names; spreadsheet cells never start like a
 * formula; text that is not valid Unicode is refused, not repaired; API answers are never cached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttachmentModel } from '../server/attachments/model';
import { neutralizeCell } from '../shared/register/rules';
import type { Issue } from '../shared/schemas/issues';
import type { Attachment, Message } from '../shared/schemas/threads';
import type { ApiClient } from './support/client';
import { ack, newClientId, openSocket, startThread } from './support/forum';
import type { ErrorBody, Me } from './support/json';
import { startTestServer, type TestServer } from './support/server';

/** A valid 1×1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f2f0c60000000049454e44ae426082',
  'hex',
);
/** The PNG with a page appended: an image to a browser, a page with a script to the desktop when named .html. */
const PNG_WITH_HTML = Buffer.concat([PNG, Buffer.from('<html><body><script>alert(document.domain)</script></body></html>')]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/**
 * A minimal OLE compound file (legacy .doc/.xls/.ppt, but also .msi installers): the header, then
 * one directory sector holding the root entry and one stream named `stream`.
 */
function compoundFile(stream: string): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header);
  header.writeUInt16LE(0x3e, 24); // minor version
  header.writeUInt16LE(3, 26); // major version: 512-byte sectors
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // sector shift
  const directory = Buffer.alloc(512);
  const entry = (index: number, name: string, type: number) => {
    const at = index * 128;
    directory.write(name, at, 'utf16le');
    directory.writeUInt16LE((name.length + 1) * 2, at + 64);
    directory.writeUInt8(type, at + 66);
  };
  entry(0, 'Root Entry', 5);
  entry(1, stream, 2);
  return Buffer.concat([header, directory, Buffer.alloc(512, 0x41)]);
}

let server: TestServer;
let dev: ApiClient;
let secretariat: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  [dev, secretariat] = await server.signInAll('dev@demo.example', 'secretariat@demo.example');
});
afterAll(() => server.close());

type Uploaded = Attachment & ErrorBody;
const upload = (name: string, data: Buffer) => dev.upload<Uploaded>(`/api/attachments?name=${encodeURIComponent(name)}`, data);
const savedAs = async (id: string) => (await dev.download(`/api/attachments/${id}`)).headers.get('content-disposition');
const disposition = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

describe('uploads keep honest names (finding 6)', () => {
  it.each(['html', 'htm', 'svg', 'bat'])(
    'a PNG with a page appended, named report.%s, is stored and downloaded as report.png',
    async (ext) => {
      const res = await upload(`report.${ext}`, PNG_WITH_HTML);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: 'report.png', type: 'image/png' });
      expect(await savedAs(res.body.id)).toBe(disposition('report.png'));
    },
  );

  it('keeps an extension that fits the content in any case, and gives one to a name without it', async () => {
    expect((await upload('図1.PNG', PNG)).body.name).toBe('図1.PNG');
    expect((await upload('写真.jpeg.html', PNG)).body.name).toBe('写真.jpeg.png');
    expect((await upload('議事録', PDF)).body.name).toBe('議事録.pdf');
    // A dot followed by a number is part of the name, not an extension.
    expect((await upload('仕様書 v1.2', PDF)).body.name).toBe('仕様書 v1.2.pdf');
    expect((await upload('report.html.', PDF)).body.name).toBe('report.pdf'); // Windows drops trailing dots
  });

  it('removes bidi overrides and other control and format characters', async () => {
    const disguised = await upload('invoice\u202Egnp.exe', PNG);
    expect(disguised.status).toBe(201);
    expect(disguised.body.name).toBe('invoicegnp.png');
    expect(await savedAs(disguised.body.id)).toBe(disposition('invoicegnp.png'));
    const controls =
      'a\u200Eb\u200Fc\u202Ad\u202Be\u202Cf\u202Dg\u2066h\u2067i\u2068j\u2069k\u061Cl\u200Bm\uFEFFn\u0085o\u007Fp\u2028q\u00ADr.pdf';
    expect((await upload(controls, PDF)).body.name).toBe('abcdefghijklmnopqr.pdf');
    const onlyControls = await upload('\u202E\u2066', PDF);
    expect(onlyControls.status).toBe(400);
    expect(onlyControls.body.error.field).toBe('query.name');
  });

  it('keeps the new extension when a long name is shortened', async () => {
    const res = await upload(`${'長'.repeat(250)}.html`, PNG);
    expect(res.status).toBe(201);
    expect(res.body.name).toMatch(/^長+\.png$/);
    expect([...res.body.name].length).toBeLessThanOrEqual(204);
  });

  it('names a legacy Office file by the application its content is for, and refuses other compound files', async () => {
    const sheet = await upload('集計.html', compoundFile('Workbook'));
    expect(sheet.status).toBe(201);
    expect(sheet.body).toMatchObject({ name: '集計.xls', type: 'application/vnd.ms-excel' });
    expect((await upload('old.doc', compoundFile('WordDocument'))).body).toMatchObject({ name: 'old.doc', type: 'application/msword' });
    expect((await upload('slides.bat', compoundFile('PowerPoint Document'))).body).toMatchObject({
      name: 'slides.ppt',
      type: 'application/vnd.ms-powerpoint',
    });
    // An installer shares the container but is none of Word, Excel or PowerPoint.
    const installer = await upload('setup.msi', compoundFile('\u4840\u3B3F\u43F2\u4231'));
    expect(installer.status).toBe(400);
    expect(installer.body.error.field).toBe('body');
  });

  it('downloads a file stored before names were checked under an honest name', async () => {
    const me = (await dev.get<Me>('/api/me')).body;
    const { sha256 } = (await upload('clean.png', PNG_WITH_HTML)).body;
    const old = await AttachmentModel.create({
      sha256,
      name: 'old\u202Egnp.html',
      type: 'image/png',
      size: PNG_WITH_HTML.length,
      uploadedBy: me.id,
    });
    expect(await savedAs(String(old._id))).toBe(disposition('oldgnp.png'));
  });
});

describe('exports neutralise every formula start (finding 14a)', () => {
  it('prefixes = + - @, tab, CR and their full-width forms, and nothing else', () => {
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '＝1+1', '＋1', '－1', '＠SUM(A1)'])
      expect(neutralizeCell(formula)).toBe(`'${formula}`);
    for (const text of ['', 'a=1', '1-1', ' 課題', '（＝）']) expect(neutralizeCell(text)).toBe(text);
  });

  it('in the register export, .csv and .xlsx', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const { parse } = await import('csv-parse/sync');
    const marker = `全角${Date.now()}`;
    const titles = [`＝HYPERLINK("https://evil.example","${marker}")`, `＋${marker}`, `－${marker}`, `＠${marker}`];
    const raised: Issue[] = [];
    for (const title of titles) {
      const res = await dev.post<Issue>('/api/issues', {
        title,
        description: '説明',
        businessAreas: ['national-health-insurance'],
        category: 'spec',
      });
      expect(res.status).toBe(201);
      raised.push(res.body);
    }
    const q = `q=${encodeURIComponent(marker)}&sort=number`;
    const expected = titles.map((t) => `'${t}`);

    const csv = await dev.download(`/api/issues/export.csv?${q}`);
    const rows = parse(csv.data.toString('utf8').slice(1)) as string[][];
    expect(rows.slice(1).map((r) => r[1])).toEqual(expected);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await dev.download(`/api/issues/export.xlsx?${q}`)).data as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('課題管理表')!;
    expect(raised.map((_, i) => sheet.getRow(i + 2).getCell(2).value)).toEqual(expected);
  });
});

describe('text must be valid Unicode (finding 14b)', () => {
  it('refuses a lone surrogate in a JSON body with a 400 naming the field, and stores nothing', async () => {
    const { thread } = await startThread(dev);
    const posted = await dev.post<ErrorBody>(`/api/threads/${thread.id}/messages`, { clientId: newClientId(), body: 'a\ud800b' });
    expect(posted.status).toBe(400);
    expect(posted.body.error).toMatchObject({ code: 'bad_request', field: 'body.body' });
    const raised = await dev.post<ErrorBody>('/api/issues', {
      title: '課題\udc00',
      description: '説明',
      businessAreas: ['national-health-insurance'],
      category: 'spec',
    });
    expect(raised.body.error.field).toBe('body.title');
    expect(
      (
        await dev.post<ErrorBody>('/api/issues', {
          title: '課題',
          description: '説明',
          businessAreas: ['national-health-insurance'],
          category: 'spec',
          '\ud800': 1,
        })
      ).body.error.field,
    ).toBe('body');
    const page = await dev.get<{ messages: Message[] }>(`/api/threads/${thread.id}/messages`);
    expect(page.body.messages.map((m) => m.body)).toEqual(['最初の投稿です。']);
  });

  it('accepts characters outside the BMP, written as surrogate pairs', async () => {
    const { thread } = await startThread(dev);
    const posted = await dev.post<{ message: Message }>(`/api/threads/${thread.id}/messages`, {
      clientId: newClientId(),
      body: '𠮷野家 😀',
    });
    expect(posted.status).toBe(201);
    expect(posted.body.message.body).toBe('𠮷野家 😀');
  });

  it('refuses a query string whose escapes are not UTF-8 (a surrogate written as bytes), naming the parameter', async () => {
    const res = await dev.get<ErrorBody>('/api/issues?q=%ED%A0%80');
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('query.q');
  });

  it('answers a socket payload with a lone surrogate with an error ack naming the field', async () => {
    const { thread } = await startThread(dev);
    const socket = await openSocket(dev);
    try {
      const reply = await ack(socket, 'message.send', { threadId: thread.id, clientId: newClientId(), body: 'x\ud800' });
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'payload.body' } });
    } finally {
      socket.close();
    }
  });
});

describe('API answers are never cached (finding 14c)', () => {
  it('sends Cache-Control: no-store on answers, errors included', async () => {
    const answers = [
      await server.client().get('/api/health'),
      await dev.get('/api/me'),
      await dev.get('/api/threads'),
      await dev.get('/api/no-such-thing'),
      await server.client().get('/api/me'),
      await dev.get('/api/organizations/not-an-id'),
      await secretariat.get('/api/audit?limit=1'),
      // A fresh client: the right password answers "second factor required" and starts a new session.
      await server.client().post('/api/auth/login', { email: 'secretariat@demo.example', password: 'council-demo' }),
    ];
    for (const res of answers) expect(res.headers.get('cache-control'), `${res.status}`).toBe('no-store');
  });

  it('keeps attachments out of shared and disk caches too', async () => {
    const { id } = (await upload('cache.pdf', PDF)).body;
    expect((await dev.download(`/api/attachments/${id}`)).headers.get('cache-control')).toBe('private, no-store');
    expect((await dev.download('/api/issues/export.csv')).headers.get('cache-control')).toBe('no-store');
  });
});
