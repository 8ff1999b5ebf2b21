import type { ReactNode } from 'react';

const SLOT = '\u0001';

/**
 * A translated sentence with something a person wrote inside it (a meeting's title in 「{{title}}（会議室）」),
 * that part marked `data-user-content`: it stays as written in either language, and the English-mode
 * check (test/e2e/english.test.ts) can tell it from the interface's own words.
 */
export function withUserContent(sentence: (slot: string) => string, value: string): ReactNode {
  const [before = '', after = ''] = sentence(SLOT).split(SLOT);
  return (
    <>
      {before}
      <span data-user-content>{value}</span>
      {after}
    </>
  );
}
