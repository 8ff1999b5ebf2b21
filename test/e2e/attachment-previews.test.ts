/**
 * Attachment previews in the browser (issue 21, item 6): an image in a message shows as the server's
 * thumbnail in a box of fixed size, one the server cannot read as a placeholder; a PDF opens with
 * 「プレビュー」 in the viewer — pdf.js drawing the pages in a frame sandboxed into an opaque origin —
 * turned page by page and zoomed from the keyboard, closed with Esc, focus back on 「プレビュー」;
 * every file keeps 「ダウンロード」. The meeting's materials get the same. No CSP violation on the
 * page or in the frame; axe on the thread and on the open viewer; screenshots at both widths.
 */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import type { Attachment } from '../../shared/schemas/threads';
import { E2E_TEST_TIMEOUT, expectAccessible, expectVisible, screenshotSizes, UI_TIMEOUT, useBrowserSuite } from '../support/browser';
import type { ApiClient } from '../support/client';
import { tinyPdf } from '../support/pdf';

const suite = useBrowserSuite();

async function upload(api: ApiClient, name: string, data: Buffer): Promise<Attachment> {
  const res = await api.upload<Attachment>(`/api/attachments?name=${encodeURIComponent(name)}`, data);
  if (res.status !== 201) throw new Error(`upload of ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A landscape photo-like JPEG (a gradient), 1200 × 800. */
async function photo(): Promise<Buffer> {
  const [width, height] = [1200, 800];
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set([(x * 255) / width, 120, (y * 255) / height], (y * width + x) * 3);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg()
    .toBuffer();
}

/** Record CSP violations in every frame of the page, from before anything loads. */
const WATCH_CSP = () => {
  const w = window as unknown as { __cspViolations: string[] };
  w.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`));
};
const violations = (target: Page | Frame) =>
  target.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? ['(not watched)']);

/** The viewer's frame, once pdf.js has drawn a page into it. */
async function viewerFrame(page: Page): Promise<Frame> {
  let frame: Frame | undefined;
  await expect
    .poll(
      async () => {
        frame = page.frames().find((f) => f.url().endsWith('/pdf-viewer.html'));
        return frame ? frame.evaluate(() => document.querySelectorAll('canvas').length).catch(() => 0) : 0;
      },
      { timeout: UI_TIMEOUT },
    )
    .toBe(1);
  return frame!;
}

/** How much of the drawn page is not white (the test PDF's pages have a blue band and black text). */
const inkedShare = (frame: Frame) =>
  frame.evaluate(() => {
    const canvas = document.querySelector('canvas')!;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) inked++;
    return inked / (data.length / 4);
  });

describe('attachment previews', () => {
  it(
    'shows thumbnails, opens a PDF in the sandboxed viewer, and keeps every download',
    async (test) => {
      const dev = await suite.server.api('dev@demo.example');
      const image = await upload(dev, '現場写真.jpg', await photo());
      const good = await photo();
      const broken = await upload(dev, '壊れた画像.jpg', good.subarray(0, 2_000));
      const pdf = await upload(dev, '仕様書.pdf', tinyPdf(['Page one: council', 'Page two: council']));
      const created = await dev.post<{ thread: { id: string } }>('/api/threads', {
        clientId: randomUUID(),
        title: '添付ファイルのプレビュー（E2E）',
        body: '写真と仕様書を添付します。',
        visibility: 'council',
        businessAreas: [],
        attachmentIds: [image.id, broken.id, pdf.id],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);

      const reader = await suite.person(test, 'dev2@demo.example', '/threads');
      const { page } = reader;
      await reader.context.addInitScript(WATCH_CSP);
      await page.goto(`${suite.server.baseUrl}/threads/${created.body.thread.id}`);

      // The thumbnail: the server's, in its fixed box, named by the file.
      const thumbnail = page.getByRole('img', { name: '現場写真.jpg' });
      await expectVisible(thumbnail);
      await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
      expect(await thumbnail.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([320, 213]);
      expect(await thumbnail.getAttribute('src')).toBe(`/api/attachments/${image.id}/thumbnail`);
      expect(await thumbnail.getAttribute('loading')).toBe('lazy');
      const box = await thumbnail.boundingBox();
      expect([box?.width, box?.height]).toEqual([160, 120]);
      // An image the server cannot read: a placeholder in the same box.
      await expectVisible(page.getByRole('img', { name: '「壊れた画像.jpg」の縮小画像は表示できません' }));
      // Every file downloads; only the PDF has a preview.
      for (const name of ['現場写真.jpg', '壊れた画像.jpg', '仕様書.pdf']) {
        const link = page.getByRole('link', { name: `「${name}」をダウンロード` });
        await expectVisible(link);
        expect(await link.getAttribute('download')).toBe(name);
      }
      expect(await page.getByRole('button', { name: /をプレビュー$/ }).count()).toBe(1);
      await expectAccessible(page, 'a thread with attachments');
      await screenshotSizes(page, 'attachments-thread');

      // 「プレビュー」 from the keyboard.
      const preview = page.getByRole('button', { name: '「仕様書.pdf」をプレビュー' });
      await preview.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: '仕様書.pdf' });
      await expectVisible(dialog);
      await expectVisible(dialog.getByText('1 / 2 ページ'));
      const frameElement = dialog.locator('iframe');
      expect(await frameElement.getAttribute('sandbox')).toBe('allow-scripts');
      expect(await frameElement.getAttribute('title')).toBe('「仕様書.pdf」のページ');
      let frame = await viewerFrame(page);
      expect(await inkedShare(frame)).toBeGreaterThan(0.01);
      // The frame runs in an opaque origin: no cookies, no storage, nothing of the app's.
      expect(await frame.evaluate(() => window.origin)).toBe('null');
      expect(
        await frame.evaluate(() => {
          try {
            return document.cookie;
          } catch (error) {
            return (error as Error).name;
          }
        }),
      ).toBe('SecurityError');
      expect(await frame.evaluate(() => document.querySelector('canvas')!.getAttribute('aria-label'))).toBe('「仕様書.pdf」1 / 2 ページ');

      // The next page, with the button and then back with ←; zoom in and out.
      await dialog.getByRole('button', { name: '次のページ' }).click();
      await expectVisible(dialog.getByText('2 / 2 ページ'));
      await expect
        .poll(() => frame.evaluate(() => document.querySelector('canvas')?.getAttribute('aria-label')))
        .toBe('「仕様書.pdf」2 / 2 ページ');
      expect(await dialog.getByRole('button', { name: '次のページ' }).getAttribute('aria-disabled')).toBe('true');
      await page.keyboard.press('ArrowLeft');
      await expectVisible(dialog.getByText('1 / 2 ページ'));
      const zoomText = dialog.getByText(/^表示倍率 \d+%$/);
      const before = await zoomText.innerText();
      await dialog.getByRole('button', { name: '拡大' }).click();
      await expect.poll(() => zoomText.innerText()).not.toBe(before);
      await dialog.getByRole('button', { name: '幅に合わせる' }).click();
      await expect.poll(() => zoomText.innerText()).toBe(before);
      frame = await viewerFrame(page);
      expect(await inkedShare(frame)).toBeGreaterThan(0.01);
      await expectVisible(dialog.getByRole('link', { name: '「仕様書.pdf」をダウンロード' }));
      await expectAccessible(page, 'the PDF viewer');
      await screenshotSizes(page, 'attachments-pdf-viewer');

      expect(await violations(frame)).toEqual([]);

      // Esc closes it, and focus is back on 「プレビュー」.
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('「仕様書.pdf」をプレビュー');
      expect(await violations(page)).toEqual([]);
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    "gives a meeting's PDF materials the same preview, on a phone too",
    async (test) => {
      const secretariat = await suite.server.api('secretariat@demo.example');
      const material = await upload(secretariat, '会議資料.pdf', tinyPdf(['Agenda', 'Appendix']));
      const meeting = await secretariat.post<{ id: string }>('/api/meetings', {
        kind: 'plenary',
        title: '資料プレビューの確認会議',
        startsAt: '2027-02-10T14:00:00+09:00',
        endsAt: '2027-02-10T16:00:00+09:00',
        agenda: [],
      });
      expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
      expect((await secretariat.post(`/api/meetings/${meeting.body.id}/status`, { to: 'scheduled' })).status).toBe(200);
      expect((await secretariat.post(`/api/meetings/${meeting.body.id}/materials`, { attachmentId: material.id })).status).toBe(200);

      const { page, context } = await suite.person(test, 'dev@demo.example', '/threads', 'phone');
      await context.addInitScript(WATCH_CSP);
      await page.goto(`${suite.server.baseUrl}/meetings/${meeting.body.id}`);
      await expectVisible(page.getByRole('link', { name: '「会議資料.pdf」をダウンロード' }));
      await page.getByRole('button', { name: '「会議資料.pdf」をプレビュー' }).click();
      const dialog = page.getByRole('dialog', { name: '会議資料.pdf' });
      await expectVisible(dialog.getByText('1 / 2 ページ'));
      const frame = await viewerFrame(page);
      expect(await inkedShare(frame)).toBeGreaterThan(0.005);
      // Fitted to the phone's width: the page is no wider than the dialog.
      const [frameBox, dialogBox] = await Promise.all([dialog.locator('iframe').boundingBox(), dialog.boundingBox()]);
      expect(frameBox!.width).toBeLessThanOrEqual(dialogBox!.width);
      await expectAccessible(page, 'the PDF viewer on a phone');
      expect(await violations(frame)).toEqual([]);
      await dialog.getByRole('button', { name: '閉じる' }).click();
      await expect.poll(() => dialog.count()).toBe(0);
      expect(await violations(page)).toEqual([]);
    },
    E2E_TEST_TIMEOUT,
  );
});
