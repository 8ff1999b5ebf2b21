import type { ReactNode } from 'react';

/** Facts as a description list: each a term and what it says (null: left out). */
export function FactList({
  facts,
  className,
  rowClassName,
}: {
  facts: ReadonlyArray<readonly [string, ReactNode] | null>;
  className: string;
  rowClassName?: string;
}) {
  return (
    <dl className={className}>
      {facts.map(
        (fact) =>
          fact && (
            <div key={fact[0]} className={rowClassName}>
              <dt>{fact[0]}</dt>
              <dd>{fact[1]}</dd>
            </div>
          ),
      )}
    </dl>
  );
}
