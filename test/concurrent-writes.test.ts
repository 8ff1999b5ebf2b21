/**
 * Writes that several people make to one thing at the same moment are all kept, on the embedded
 * engine that loses concurrent updates of one document (docs/DATABASE.md, "No lost writes").
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Meeting } from '../shared/schemas/meetings';
import type { ApiClient } from './support/client';
import type { Me } from './support/json';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let secretariat: ApiClient;
let presenters: ApiClient[];
beforeAll(async () => {
  server = await startTestServer();
  secretariat = await server.signIn('secretariat@demo.example');
  // Three organisations: two development vendors and a support vendor.
  presenters = await Promise.all(['dev@demo.example', 'dev2@demo.example', 'support@demo.example'].map((e) => server.signIn(e)));
});
afterAll(() => server.close());

const orgOf = async (c: ApiClient) => (await c.get<Me>('/api/me')).body.organization.id;

/** A plenary with one agenda item per presenting organisation, ended, its minutes circulated. */
async function circulatedMeeting(orgIds: readonly string[], round: number): Promise<Meeting> {
  const startsAt = new Date(Date.now() + 86_400_000);
  const created = await secretariat.post<Meeting>('/api/meetings', {
    kind: 'plenary',
    title: `第${round}回 全体会議（同時確認）`,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    agenda: orgIds.map((id, i) => ({ title: `議題${i + 1}`, minutes: 10, presenterOrganizationId: id })),
  });
  expect(created.status).toBe(201);
  const m = created.body;
  for (const to of ['scheduled', 'live', 'ended']) expect((await secretariat.post(`/api/meetings/${m.id}/status`, { to })).status).toBe(200);
  const items = m.agenda.map((a) => ({ agendaItemId: a.id, summary: `${a.title}について議論した。`, decisions: [], actionItems: [] }));
  expect((await secretariat.put(`/api/meetings/${m.id}/minutes`, { items })).status).toBe(200);
  expect((await secretariat.post(`/api/meetings/${m.id}/minutes/circulate`)).status).toBe(200);
  return m;
}

it('keeps every organisation’s minutes confirmation when all confirm at the same moment', async () => {
  const orgIds = await Promise.all(presenters.map(orgOf));
  expect(new Set(orgIds).size).toBe(3);
  for (let round = 1; round <= 4; round++) {
    const m = await circulatedMeeting(orgIds, round);
    const answers = await Promise.all(
      presenters.map((p, i) => p.post<Meeting>(`/api/meetings/${m.id}/minutes/confirm`, i === 1 ? { comment: `第${round}回: 表現を修正してください` } : {})),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const minutes = (await secretariat.get<Meeting>(`/api/meetings/${m.id}`)).body.minutes!;
    expect(minutes.confirmations.map((c) => c.organization.id).sort()).toEqual([...orgIds].sort());
    expect(minutes.confirmations.find((c) => c.organization.id === orgIds[1])).toMatchObject({ status: 'commented', comment: `第${round}回: 表現を修正してください` });
    expect(minutes.awaiting).toEqual([]);
    // Saving the minutes again keeps the confirmations.
    const items = minutes.items.map((i) => ({ ...i, summary: `${i.summary}（修正）`, actionItems: [] }));
    expect((await secretariat.put(`/api/meetings/${m.id}/minutes`, { items })).status).toBe(200);
    expect((await secretariat.get<Meeting>(`/api/meetings/${m.id}`)).body.minutes!.confirmations).toHaveLength(3);
  }
});
