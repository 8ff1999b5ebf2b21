/**
 * The reports that cite a register issue as blocking (an area's `blockingIssues`): the issue page
 * lists them. The map issue number → citations is derived from the reports view once per change of
 * it; a request reads the issue from the register's view and filters the citations by what the
 * reader may see — the secretariat every one, a ministry those of the areas it oversees, a vendor its
 * own organisation's, a body none.
 */
import type { Actor } from '@shared/domain';
import { decide } from '@shared/permissions';
import type { IssueCitations } from '@shared/schemas/statusReports';
import { ministryOfArea, type BusinessAreaKey } from '@shared/reference/council';
import { councilDirectory } from '../announcements/audience';
import { authorize } from '../http/authorize';
import { notFound } from '../http/errors';
import { registerView } from '../issues/registerView';
import { reportsView, type RoundRow } from './model';
import { maySeeRound } from './access';
import { countedSubmission } from './picture';
import { organizationRef } from './presenter';
import { roundsNewestFirst } from './roundReports';

interface Citation {
  roundId: string;
  organizationId: string;
  area: BusinessAreaKey;
}

/**
 * Issue number → the areas of counted submissions (not returned ones: those are withdrawn until
 * submitted again) that cite it, once per change of the reports.
 */
function citationsByIssue(): Promise<ReadonlyMap<string, readonly Citation[]>> {
  return reportsView.derived('status citations by issue number', (rows) => {
    const out = new Map<string, Citation[]>();
    for (const report of rows.values()) {
      const submitted = countedSubmission(report);
      if (!submitted) continue;
      for (const { area, entry } of submitted.areas) {
        for (const number of new Set(entry.blockingIssues ?? [])) {
          const list = out.get(number) ?? [];
          list.push({ roundId: String(report.roundId), organizationId: String(report.organizationId), area: area as BusinessAreaKey });
          out.set(number, list);
        }
      }
    }
    return out;
  });
}

/** The issue's number, if the reader may read the register and the issue exists (403 / 404 otherwise). */
async function readableIssueNumber(actor: Actor, issueId: string): Promise<string> {
  authorize(actor, 'issue.read');
  const issue = (await registerView.current()).get(issueId) ?? (await registerView.missing(issueId));
  if (!issue) throw notFound('issue');
  return issue.number;
}

/** The reports citing an issue as far as `actor` may see them: newest round first, then by organisation name. */
export async function issueCitations(input: { actor: Actor; issueId: string }): Promise<IssueCitations> {
  const { actor } = input;
  const number = await readableIssueNumber(actor, input.issueId);
  const citations = (await citationsByIssue()).get(number) ?? [];
  if (!citations.length) return { reports: [] };
  const [rounds, { organizations }] = await Promise.all([roundsNewestFirst(), councilDirectory()]);
  const roundOrder = new Map<string, { index: number; round: RoundRow }>(
    rounds.map((round, index) => [String(round._id), { index, round }]),
  );
  return {
    reports: citations
      .flatMap((c) => {
        const inRound = roundOrder.get(c.roundId);
        const organization = organizations.get(c.organizationId);
        if (!inRound || !organization || !maySeeRound(actor, inRound.round)) return [];
        const visible = decide(actor, 'status.readFigures', {
          targetOrganizationId: c.organizationId,
          areaMinistry: ministryOfArea(c.area),
        });
        if (!visible.allowed) return [];
        return [{ index: inRound.index, round: inRound.round, organization, area: c.area }];
      })
      .sort((a, b) => a.index - b.index || a.organization.nameJa.localeCompare(b.organization.nameJa, 'ja'))
      .map(({ round, organization, area }) => ({
        round: { id: String(round._id), title: round.title },
        organization: organizationRef(organization),
        area,
      })),
  };
}
