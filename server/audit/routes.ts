import { AuditExportQuery, AuditListQuery, AuditPage, AuditVerification } from '@shared/schemas/audit';
import { defineRoute } from '../http/route';
import { errorResponses } from '../http/responses';
import { downloadName, XLSX_TYPE } from '../http/download';
import type { UserWithOrganization } from '../users/model';
import { auditToCsv, auditToXlsx } from './export';
import { recordAudit } from './log';
import { auditForExport, auditPage, verifyAuditLog } from './service';

const errors = errorResponses;

async function exported(user: UserWithOrganization, actor: Parameters<typeof auditForExport>[0], query: AuditExportQuery, format: string) {
  const entries = await auditForExport(actor, query);
  await recordAudit({ actor: user, action: 'export.audit', detail: { format, rows: entries.length, filter: query } });
  return entries;
}

export function auditRoutes() {
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
        summary: 'Check the hash chain of the whole audit log (secretariat)',
        access: 'user',
        responses: { 200: { description: 'the result', schema: AuditVerification }, ...errors },
      },
      ({ actor }) => verifyAuditLog(actor),
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
        const data = await auditToXlsx(await exported(user, actor, query, 'xlsx'));
        res.set({ 'Content-Type': XLSX_TYPE, 'Content-Disposition': downloadName('audit-log', '監査ログ', 'xlsx'), 'Cache-Control': 'no-store' }).send(data);
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
        const csv = auditToCsv(await exported(user, actor, query, 'csv'));
        res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': downloadName('audit-log', '監査ログ', 'csv'), 'Cache-Control': 'no-store' }).send(csv);
      },
    ),
  ];
}
