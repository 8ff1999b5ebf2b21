/**
 * What the authorisation matrix acts on for 開発状況報告 (test/authz-matrix.test.ts), made through the
 * real API: the development vendor's profile names one area of 総務省 and one of 厚生労働省 (so each
 * ministry persona oversees one of its report's areas), an open round in which the vendor member saved
 * a draft, a draft round, and fresh rounds and reports for the cells that change what they act on.
 */
import type { Report, Round } from '../../shared/schemas/statusReports';
import { emptyAreaEntry, type AreaEntry } from '../../shared/statusReports/rules';
import type { Fixtures } from './authz';

const PROFILE = ['resident-register', 'national-health-insurance'] as const;

const complete = (): AreaEntry => ({
  ...emptyAreaEntry(),
  phase: 'design',
  specVersion: '第2.0版',
  plannedAvailability: '2026-09-01',
  customers: 12,
  migrated: 0,
  plannedByFyEnd: 10,
  plannedAfter: 2,
  special: { mainframe: 0, 'custom-built': 1, 'vendor-withdrawal': 0, 'vendor-resources': 0 },
  track: 'onTrack',
});

function expectStatus<T>(res: { status: number; body: T }, status: number, what: string): T {
  if (res.status !== status) throw new Error(`status fixture ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export type StatusFixtures = Awaited<ReturnType<typeof createStatusFixtures>>;

export async function createStatusFixtures(fx: Fixtures) {
  const secretariat = fx.personas.secretariat.client;
  const member = fx.personas.vendorMember.client;
  const admin = fx.personas.vendorAdmin.client;
  expectStatus(await secretariat.patch(`/api/organizations/${fx.devOrgId}`, { businessAreas: PROFILE }), 200, 'profile');
  let n = 0;
  const draftRound = async () =>
    expectStatus(
      await secretariat.post<Round>('/api/status/rounds', {
        title: `行列の開発状況調査 ${++n}`,
        periodStart: '2026-10-01',
        periodEnd: '2026-12-31',
        deadline: '2027-01-29T17:00:00+09:00',
        businessAreas: [...PROFILE, 'family-register'],
      }),
      201,
      'draft round',
    );
  const openRound = async () => {
    const round = await draftRound();
    return expectStatus(await secretariat.post<Round>(`/api/status/rounds/${round.id}/open`), 200, 'open round');
  };
  const reportPath = (roundId: string) => `/api/status/rounds/${roundId}/reports/${fx.devOrgId}`;
  /** An open round where the vendor member has written every area of the report: ready to submit. */
  const readyReport = async () => {
    const round = await openRound();
    const areas = Object.fromEntries(PROFILE.map((a) => [a, complete()]));
    expectStatus(await member.put<Report>(`${reportPath(round.id)}/draft`, { areas, comment: '事務局への連絡' }), 200, 'draft');
    return round;
  };
  /** An open round with the report submitted by the org admin: ready to return. */
  const submittedReport = async () => {
    const round = await readyReport();
    expectStatus(await admin.post<Report>(`${reportPath(round.id)}/submit`), 200, 'submit');
    return round;
  };

  const open = await submittedReport();
  // Written again after the submission: a draft with one version.
  expectStatus(await member.put<Report>(`${reportPath(open.id)}/draft`, { comment: '事務局への連絡（追記）' }), 200, 'draft again');
  return {
    /** Open, the development vendor's report a draft with one version. */
    open,
    draft: await draftRound(),
    reportPath,
    fresh: { draftRound, openRound, readyReport, submittedReport },
  };
}
