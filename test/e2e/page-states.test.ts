/**
 * Pages that are not the happy path (issue 21, item 12): a scheduled meeting's room says what the
 * meeting is and when it opens, and lets the secretariat start it; anything missing is the one
 * not-found page with a way back; anything refused is the one not-permitted page saying why (the
 * server's reason, where it names one) and what to do instead.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, it } from 'vitest';
import { E2E_TEST_TIMEOUT, expectAccessible, expectVisible, navigateInApp, screenshotSizes, useBrowserSuite } from '../support/browser';

const suite = useBrowserSuite();

/** An id of the right shape that nothing has. */
const MISSING = 'ffffffffffffffffffffffff';

let plenary: { id: string; title: string };
let consultation: { id: string; title: string };
let developmentThread: string;

beforeAll(async () => {
  const api = await suite.server.api('secretariat@demo.example');
  const { meetings } = (await api.get<{ meetings: { id: string; kind: string; title: string; status: string }[] }>('/api/meetings')).body;
  plenary = meetings.find((m) => m.kind === 'plenary' && m.status === 'scheduled')!;
  consultation = meetings.find((m) => m.kind !== 'plenary')!;
  const dev = await suite.server.api('dev@demo.example');
  const thread = await dev.post<{ thread: { id: string } }>('/api/threads', {
    clientId: randomUUID(),
    title: '開発事業者だけの相談（E2E）',
    body: '開発事業者だけで確認したいことです。',
    visibility: 'development',
    businessAreas: [],
    attachmentIds: [],
  });
  developmentThread = thread.body.thread.id;
});

describe.concurrent('pages off the happy path', () => {
  it('a scheduled meeting’s room says what and when; the secretariat starts it from the keyboard and everyone waiting is let in', async (test) => {
    const { expect } = test;
    const room = `/meetings/${plenary.id}/room`;
    const [secretariat, vendor] = await Promise.all([suite.person(test, 'secretariat@demo.example', room), suite.person(test, 'dev@demo.example', room)]);
    const s = secretariat.page;
    const v = vendor.page;
    for (const page of [s, v]) {
      await expectVisible(page.getByRole('heading', { level: 1, name: `${plenary.title}（会議室）` }));
      await expectVisible(page.getByText('開始予定'));
    }
    await expectVisible(v.getByText('事務局が会議を開始すると、このページで入室できます。'));
    expect(await v.getByRole('button', { name: '会議を開始' }).count(), 'only the secretariat starts a meeting').toBe(0);
    await expectAccessible(s, 'room before the meeting (secretariat)');
    await expectAccessible(v, 'room before the meeting (vendor)');
    await screenshotSizes(s, 'room-scheduled-secretariat');
    await screenshotSizes(v, 'room-scheduled-vendor');

    // Keyboard only: Tab to the start button, Enter, and confirm in the dialog with the keyboard.
    const start = s.getByRole('button', { name: '会議を開始' });
    let presses = 0;
    while (!(await start.evaluate((el) => el === document.activeElement)) && presses < 40) {
      await s.keyboard.press('Tab');
      presses++;
    }
    expect(await start.evaluate((el) => el === document.activeElement), 'Tab reaches 会議を開始').toBe(true);
    await s.keyboard.press('Enter');
    const dialog = s.getByRole('dialog', { name: '会議を開始しますか' });
    await expectVisible(dialog);
    const confirm = dialog.getByRole('button', { name: '会議を開始' });
    presses = 0;
    while (!(await confirm.evaluate((el) => el === document.activeElement)) && presses < 10) {
      await s.keyboard.press('Tab');
      presses++;
    }
    await s.keyboard.press('Enter');

    // The room opens for both without a reload.
    for (const page of [s, v]) await expectVisible(page.getByRole('region', { name: 'チャットの発言' }));
  }, E2E_TEST_TIMEOUT);

  it('anything missing is the same not-found page with a way back, and no retry', async (test) => {
    const { expect } = test;
    const { page } = await suite.person(test, 'dev@demo.example', '/threads');
    const missing: { path: string; back: string }[] = [
      { path: `/meetings/${MISSING}`, back: '会議一覧へ戻る' },
      { path: `/meetings/${MISSING}/room`, back: '会議一覧へ戻る' },
      { path: `/threads/${MISSING}`, back: 'スレッド一覧へ戻る' },
      { path: `/register/${MISSING}`, back: '課題管理表へ戻る' },
      { path: '/register/not-an-id', back: '課題管理表へ戻る' },
      { path: `/organizations/${MISSING}`, back: '組織一覧へ戻る' },
      { path: '/no-such-page', back: 'トップへ戻る' },
    ];
    const wrong: string[] = [];
    for (const { path, back } of missing) {
      await navigateInApp(page, path);
      const heading = page.getByRole('heading', { level: 1, name: 'ページが見つかりません' });
      try {
        await expectVisible(heading);
        await expectVisible(page.getByRole('main').getByRole('link', { name: back }));
      } catch {
        wrong.push(`${path}: ${(await page.getByRole('main').innerText()).replace(/\s+/g, ' ').slice(0, 160)}`);
        continue;
      }
      if (await page.getByRole('button', { name: 'もう一度読み込む' }).count()) wrong.push(`${path}: offers a retry`);
      if (await page.getByText('読み込みに失敗しました').count()) wrong.push(`${path}: says loading failed`);
    }
    expect(wrong).toEqual([]);
    await navigateInApp(page, `/meetings/${MISSING}`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'ページが見つかりません' }));
    await expectAccessible(page, 'not found');
    await screenshotSizes(page, 'not-found-meeting');
  }, E2E_TEST_TIMEOUT);

  it('a refusal says why and what to do instead: an observer raising an issue, a vendor opening the minutes editor', async (test) => {
    const { expect } = test;
    const observer = await suite.person(test, 'mhlw@demo.example', '/register/new');
    const o = observer.page;
    await expectVisible(o.getByRole('heading', { level: 1, name: '府省・団体のアカウントでは課題を登録できません' }));
    await expectVisible(o.getByRole('main').getByRole('link', { name: '課題管理表を見る' }));
    expect(await o.getByRole('textbox', { name: '件名' }).count()).toBe(0);
    await expectAccessible(o, 'observer on the new-issue page');
    await screenshotSizes(o, 'not-permitted-new-issue');

    const vendor = await suite.person(test, 'dev@demo.example', `/meetings/${consultation.id}/minutes`);
    const v = vendor.page;
    await expectVisible(v.getByRole('heading', { level: 1, name: '議事録を作成・編集できるのは事務局だけです' }));
    await expectVisible(v.getByRole('main').getByRole('link', { name: '会議のページへ戻る' }));
    await expectAccessible(v, 'vendor on the minutes editor');
    await screenshotSizes(v, 'not-permitted-minutes');
  }, E2E_TEST_TIMEOUT);

  it('a refusal by the server says the reason it gave and what to do instead: a support vendor and an observer opening a development-only thread', async (test) => {
    const { expect } = test;
    const reason = 'このスレッドは開発事業者と事務局だけに公開されています。ご覧いただけるスレッドは、スレッド一覧に表示されます。';
    for (const email of ['support@demo.example', 'jlis@demo.example']) {
      const { page } = await suite.person(test, email, `/threads/${developmentThread}`);
      await expectVisible(page.getByRole('heading', { level: 1, name: 'このページを表示する権限がありません' }));
      await expectVisible(page.getByRole('main').getByText(reason));
      await expectVisible(page.getByRole('main').getByRole('link', { name: 'スレッド一覧へ戻る' }));
      expect(await page.getByRole('button', { name: 'もう一度読み込む' }).count(), `${email}: no retry`).toBe(0);
      if (email.startsWith('support')) {
        await expectAccessible(page, 'a thread refused with the reason');
        await screenshotSizes(page, 'not-permitted-thread');
      }
    }
  }, E2E_TEST_TIMEOUT);
});
