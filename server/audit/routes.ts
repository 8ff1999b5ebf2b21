import { AuditExportQuery, AuditListQuery, AuditPage, AuditVerification } from '@shared/schemas/audit';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { errorResponses } from '../http/responses';
import { sendExport, XLSX_TYPE } from '../http/download';
import type { UserWithOrganization } from '../users/model';
import { auditToCsv, auditToXlsx } from './export';
import { recordAudit } from './log';
import { auditForExport, auditPage, verifyAuditLog } from './service';

const errors = errorResponses;
const AUDIT_FILE = { asciiName: 'audit-log', japaneseName: '監査ログ' };

async function exported(user: UserWithOrganization, actor: Parameters<typeof auditForExport>[0], query: AuditExportQuery, format: string) {
  const entries = await auditForExport(actor, query);
  await recordAudit({ actor: user, action: 'export.audit', detail: { format, rows: entries.length, filter: query } });
  return entries;
}

export function auditRoutes({ config }: Pick<AppContext, 'config'>) {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/audit',
        tag: 'audit',
        summary: 'The audit log, newest first (secretariat)',
        access: 'user',
        query: AuditListQuery,
        responses: { 200: { description: 'a page of entries', schema: AuditPage }, ...errors },
      },
      ({ actor, query }) => auditPage(actor, query),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/audit/verify',
        tag: 'audit',
        summary: 'Check the whole audit log against its hash chain, its key and its anchors (secretariat)',
        access: 'user',
        responses: { 200: { description: 'the result', schema: AuditVerification }, ...errors },
      },
      ({ actor }) => verifyAuditLog({ actor, dataDir: config.DATA_DIR }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/audit/export.xlsx',
        tag: 'audit',
        summary: 'The filtered audit log as an Excel workbook (secretariat)',
        access: 'user',
        query: AuditExportQuery,
        responses: { 200: { description: 'the workbook', contentType: XLSX_TYPE }, ...errors },
      },
      async ({ user, actor, query, res }) => {
        sendExport(res, { format: 'xlsx', data: await auditToXlsx(await exported(user, actor, query, 'xlsx')), ...AUDIT_FILE });
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/audit/export.csv',
        tag: 'audit',
        summary: 'The filtered audit log as CSV, UTF-8 with BOM (secretariat)',
        access: 'user',
        query: AuditExportQuery,
        responses: { 200: { description: 'the CSV', contentType: 'text/csv' }, ...errors },
      },
      async ({ user, actor, query, res }) => {
        sendExport(res, { format: 'csv', data: auditToCsv(await exported(user, actor, query, 'csv')), ...AUDIT_FILE });
      },
    ),
  ];
}
