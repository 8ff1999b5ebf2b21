/** The register's exports: the filtered, ordered register as a file (api.ts `downloadBlob`). */
import { downloadBlob } from '@client/api';
import { issueSearchParams, type IssueFilterParams } from '@client/queries/issues';

export type ExportFormat = 'xlsx' | 'csv';

/** Download the register, filtered and ordered as `filters`, in `format`. */
export function downloadExport(format: ExportFormat, filters: IssueFilterParams): Promise<void> {
  const query = issueSearchParams(filters).toString();
  return downloadBlob(`/api/issues/export.${format}${query ? `?${query}` : ''}`, `課題管理表.${format}`);
}
