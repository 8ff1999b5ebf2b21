import { auditExportPath, type AuditFilters } from '@client/queries/audit';
import { useAuditT } from './useAuditT';

/**
 * Excel and CSV downloads of the log as filtered on screen (every entry, not only those loaded).
 * Plain links: the server names the file and sends it as an attachment, so the page stays put.
 */
export function AuditExportLinks({ filters }: { filters: AuditFilters }) {
  const at = useAuditT();
  return (
    <div className="audit-export">
      <div className="register-export" role="group" aria-labelledby="audit-export-label" aria-describedby="audit-export-hint">
        <span id="audit-export-label" className="register-export__label">
          {at('audit.export.label')}
        </span>
        {(['xlsx', 'csv'] as const).map((format) => (
          <a key={format} className="button button--secondary button--small" href={auditExportPath(format, filters)}>
            {at(`audit.export.${format}`)}
          </a>
        ))}
      </div>
      <p id="audit-export-hint" className="field__hint">
        {at('audit.export.hint')}
      </p>
    </div>
  );
}
