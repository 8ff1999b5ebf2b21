/**
 * Browser scenario: two-step verification. A new org admin signs in with the temporary password,
 * is held to the set-up (QR code and the key in text), confirms with a code, keeps the recovery
 * codes, gets the app; signs out and back in with a code typed on the second step; and a recovery
 * code gets them in when the phone is away.
 */
import { describe, expect, it } from 'vitest';
import type { User } from '../../shared/schemas/users';
import { E2E_TEST_TIMEOUT, expectAccessible, expectVisible, screenshot, useBrowserSuite } from '../support/browser';
import { totpCode } from '../support/secondFactor';

const suite = useBrowserSuite();

describe('two-step verification in the browser', () => {
  it(
    'enrols a new org admin from the sign-in, then signs in with a code and with a recovery code',
    async (test) => {
      const server = suite.server;
      const admin = await server.api('dev-admin@demo.example');
      const orgId = (await admin.get<{ organization: { id: string } }>('/api/me')).body.organization.id;
      const email = `mfa-e2e-${Date.now()}@demo.example`;
      const created = await admin.post<{ user: User; temporaryPassword: string }>(`/api/organizations/${orgId}/users`, {
        email,
        displayName: '二段階 太郎',
        role: 'orgAdmin',
      });
      expect(created.status).toBe(201);
      const password = created.body.temporaryPassword;

      const { page } = await suite.anonymous(test, '/login');
      await page.getByLabel('メールアドレス').fill(email);
      await page.getByLabel('パスワード').fill(password);
      await page.getByRole('button', { name: 'ログイン', exact: true }).click();

      // Held to the set-up, with the reason.
      await expectVisible(page.getByRole('heading', { level: 1, name: '2段階認証の設定が必要です' }));
      await expectVisible(page.getByText('組織管理者の権限では'));
      await expectAccessible(page, 'second factor required');
      await page.getByRole('button', { name: '認証アプリを設定する' }).click();
      await expectVisible(page.getByRole('img', { name: '認証アプリに登録するための QR コード' }));
      const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await screenshot(page, 'mfa-setup');
      await expectAccessible(page, 'second factor set-up');

      const code = page.getByLabel('認証コード（6桁）');
      expect(await code.getAttribute('inputmode')).toBe('numeric');
      expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
      await code.fill('000000');
      await page.getByRole('button', { name: '設定を完了する' }).click();
      await expectVisible(page.getByText('コードが一致しません'));
      const step = Math.floor(Date.now() / 30_000);
      await code.fill(await totpCode(secret, step));
      await page.getByRole('button', { name: '設定を完了する' }).click();
      server.secondFactor.remember(email, secret);
      server.secondFactor.used(email, step);

      const codes = page.getByRole('region', { name: 'リカバリーコード（この画面でのみ表示）' }).getByRole('listitem');
      await expect.poll(() => codes.count()).toBe(10);
      const recoveryCode = (await codes.first().innerText()).trim();
      await expectVisible(page.getByRole('link', { name: 'テキストファイルで保存' }));
      await screenshot(page, 'mfa-recovery-codes');
      await page.getByRole('button', { name: '保管しました' }).click();
      await expectVisible(page.getByRole('navigation', { name: 'メインメニュー' }));

      // Out, and back in with the next code typed on the second step.
      await page.getByRole('button', { name: 'ログアウト' }).click();
      await expectVisible(page.getByRole('heading', { level: 1, name: 'ログイン' }));
      await page.getByLabel('メールアドレス').fill(email);
      await page.getByLabel('パスワード').fill(password);
      await page.getByRole('button', { name: 'ログイン', exact: true }).click();
      await expectVisible(page.getByRole('heading', { name: '2段階認証' }));
      await expectAccessible(page, 'second step of signing in');
      await page.getByLabel('認証コード（6桁）').fill((await server.secondFactor.nextCode(email))!);
      await page.getByRole('button', { name: '確認してログイン' }).click();
      await expectVisible(page.getByRole('navigation', { name: 'メインメニュー' }));

      // The phone away: a recovery code, once.
      await page.getByRole('button', { name: 'ログアウト' }).click();
      await page.getByLabel('メールアドレス').fill(email);
      await page.getByLabel('パスワード').fill(password);
      await page.getByRole('button', { name: 'ログイン', exact: true }).click();
      await page.getByRole('button', { name: /リカバリーコードを使う/ }).click();
      await page.getByLabel('リカバリーコード').fill(recoveryCode);
      await page.getByRole('button', { name: '確認してログイン' }).click();
      await expectVisible(page.getByRole('navigation', { name: 'メインメニュー' }));

      // The profile says it is on, and that this role cannot turn it off.
      await page.goto(`${server.baseUrl}/profile`);
      await expectVisible(page.getByText('未使用のリカバリーコード：9個'));
      await expectVisible(page.getByText('この権限では2段階認証を解除できません'));
      await screenshot(page, 'mfa-profile');
    },
    E2E_TEST_TIMEOUT,
  );
});
