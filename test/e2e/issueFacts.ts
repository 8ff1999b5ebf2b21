import type { Page } from 'playwright-core';

/** The value of one of an issue's particulars (状態, 所管府省, 担当者, …) on its page. */
export const fact = (page: Page, label: string) =>
  page
    .locator('.facts__row')
    .filter({ has: page.getByRole('term').getByText(label, { exact: true }) })
    .getByRole('definition');
