import { useAuditT } from './useAuditT';

/** Past this many characters the detail is folded, so one long entry does not stretch the table. */
const COMPACT_LENGTH = 80;

const valueText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** An entry's detail as `key: value` pairs; a long one folds open to the full JSON. */
export function AuditDetail({ detail }: { detail: Record<string, unknown> }) {
  const at = useAuditT();
  const pairs = Object.entries(detail);
  if (pairs.length === 0) return <span className="muted">{at('audit.table.noDetail')}</span>;
  const compact = pairs.map(([key, value]) => `${key}: ${valueText(value)}`).join(' / ');
  if (compact.length <= COMPACT_LENGTH) return <code className="audit-detail">{compact}</code>;
  return (
    <details className="audit-detail">
      <summary>
        <code>{`${compact.slice(0, COMPACT_LENGTH)}…`}</code>
        <span className="visually-hidden">{at('audit.table.detailMore')}</span>
      </summary>
      <pre className="audit-detail__full">{JSON.stringify(detail, null, 2)}</pre>
    </details>
  );
}
