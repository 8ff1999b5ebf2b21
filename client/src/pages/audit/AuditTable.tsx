import { Link } from 'react-router';
import type { AuditEntry } from '@shared/schemas/audit';
import { useLanguage } from '@client/i18n/useLanguage';
import { formatDateTimeSeconds } from '@client/format/dates';
import { AuditDetail } from './AuditDetail';
import { useAuditT, type AuditT } from './useAuditT';

/** The audit log table, newest first; the action is each row's heading. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const at = useAuditT();
  const [language] = useLanguage();
  return (
    <div className="table-scroll" role="region" aria-labelledby="audit-table-caption" tabIndex={0}>
      <table className="table audit-table">
        <caption id="audit-table-caption" className="visually-hidden">
          {at('audit.table.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{at('audit.fields.seq')}</th>
            <th scope="col">{at('audit.fields.at')}</th>
            <th scope="col">{at('audit.fields.action')}</th>
            <th scope="col">{at('audit.fields.actor')}</th>
            <th scope="col">{at('audit.fields.target')}</th>
            <th scope="col">{at('audit.fields.origin')}</th>
            <th scope="col">{at('audit.fields.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq}>
              <td className="numeric">{entry.seq}</td>
              <td className="small nowrap">
                <time dateTime={entry.at}>{formatDateTimeSeconds(entry.at, language)}</time>
              </td>
              <th scope="row" className="audit-table__action">
                {at(`audit.actions.${entry.action}`)}
                <code className="audit-table__code">{entry.action}</code>
              </th>
              <td>
                {entry.actor ? (
                  <>
                    <span data-user-content>{entry.actor.displayName}</span>
                    {/* The organisation as the record names it, in the words it was recorded in (the log is never rewritten). */}
                    <span className="audit-table__sub" data-user-content>
                      {entry.actor.organization}
                    </span>
                  </>
                ) : (
                  <span className="muted">{at('audit.table.noActor')}</span>
                )}
              </td>
              <td className="break audit-table__target">
                <AuditTarget target={entry.target} at={at} />
              </td>
              <td className="small">
                {at(`audit.channels.${entry.origin.channel}`)}
                <code className="audit-table__sub nowrap">{entry.origin.ip ?? at('audit.table.noIp')}</code>
              </td>
              <td className="small break audit-table__detail">
                <AuditDetail detail={entry.detail} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const TARGET_PATHS: Record<string, string> = {
  issue: '/register/',
  meeting: '/meetings/',
  thread: '/threads/',
  organization: '/organizations/',
};

/** The kinds the server records today; any other is shown as the server wrote it. */
const TARGET_KINDS = ['user', 'organization', 'issue', 'meeting', 'thread', 'message'] as const;
const isTargetKind = (kind: string): kind is (typeof TARGET_KINDS)[number] => (TARGET_KINDS as readonly string[]).includes(kind);

/** The kind in words, then the label (or the id when there is none), linked where a page shows it. */
function AuditTarget({ target, at }: { target: AuditEntry['target']; at: AuditT }) {
  if (!target) return <span className="muted">{at('audit.table.noTarget')}</span>;
  const kind = isTargetKind(target.kind) ? at(`audit.targetKinds.${target.kind}`) : target.kind;
  const name = target.label ?? target.id;
  const path = TARGET_PATHS[target.kind];
  return (
    <>
      <span className="audit-table__kind">{kind}</span>
      {/* A title or name as recorded (what people wrote). */}
      {path ? (
        <Link to={`${path}${encodeURIComponent(target.id)}`} data-user-content>
          {name}
        </Link>
      ) : (
        <span data-user-content>{name}</span>
      )}
    </>
  );
}
