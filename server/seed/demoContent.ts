/**
 * A little life for a demo installation: a few threads, issues and meetings written through the
 * same services people use, so `npm start` shows the platform at work rather than empty pages.
 * Only with the demo accounts, and only into a database that has no threads or issues yet. Then
 * the 開発状況報告 of the demo (statusReports.ts), into a database that has no reporting round yet.
 */
import { randomUUID } from 'node:crypto';
import { trusted } from 'mongoose';
import type { RegisterBroadcast } from '../issues/broadcast';
import { addAnswer, addComment } from '../issues/comments';
import { IssueModel } from '../issues/model';
import { raiseIssue } from '../issues/service';
import { setSupport } from '../issues/support';
import { transitionIssue } from '../issues/workflow';
import { log } from '../log';
import { MeetingModel } from '../meetings/model';
import { createMeeting } from '../meetings/service';
import type { ForumBroadcast } from '../threads/broadcast';
import { postMessage } from '../threads/messages';
import { ThreadModel } from '../threads/model';
import { setReaction } from '../threads/reactions';
import { createThread } from '../threads/threads';
import { UserModel, type UserWithOrganization } from '../users/model';
import { toActor } from '../users/presenter';
import { seedStatusReports } from './statusReports';

/** Nobody is connected while seeding: announcements go nowhere. */
const silent = <T extends object>() => new Proxy({}, { get: () => () => undefined }) as T;

const jstDate = (daysFromNow: number, hour: number) => {
  const d = new Date(Date.now() + 9 * 3600_000 + daysFromNow * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+09:00`;
};

export async function seedDemoContent(): Promise<boolean> {
  const seeded = await seedDiscussion();
  // After the register's issues, which the reports may cite; and into a demo database from before the reports, too.
  const started = Date.now();
  const status = await seedStatusReports();
  if (status)
    log.info(
      `seeded the demo status reports: ${status.rounds} rounds, ${status.reports} reports, ${status.versions} versions in ${Date.now() - started} ms`,
    );
  return seeded;
}

/** Threads, issues and meetings; false when the database has threads or issues already. */
async function seedDiscussion(): Promise<boolean> {
  if ((await ThreadModel.estimatedDocumentCount()) > 0 || (await IssueModel.estimatedDocumentCount()) > 0) return false;
  const emails = ['secretariat@demo.example', 'dev@demo.example', 'dev2@demo.example', 'support@demo.example', 'mhlw@demo.example'];
  const users = await UserModel.find({ email: trusted({ $in: emails }) }).populate<Pick<UserWithOrganization, 'organization'>>(
    'organization',
  );
  const by = (email: string) => users.find((u) => u.email === email)!;
  if (users.length !== emails.length) return false;
  const [secretariat, dev, dev2, support, mhlw] = emails.map(by) as [
    UserWithOrganization,
    UserWithOrganization,
    UserWithOrganization,
    UserWithOrganization,
    UserWithOrganization,
  ];
  const forum = silent<ForumBroadcast>();
  const register = silent<RegisterBroadcast>();
  const post = (user: UserWithOrganization, threadId: string, body: string, parentId?: string) =>
    postMessage({ user, threadId, clientId: randomUUID(), body, parentId, attachmentIds: [], broadcast: forum });

  const moji = await createThread({
    user: dev,
    broadcast: forum,
    body: {
      clientId: randomUUID(),
      title: '住民記録システムの文字コード移行（行政事務標準文字）について',
      body: '外字の同定作業の進め方について、各社の状況を共有しませんか。\n\n- 当社は **文字情報基盤** への対応表を作成中です\n- 同定できない文字の扱いに悩んでいます',
      visibility: 'council',
      businessAreas: ['resident-register', 'family-register'],
      attachmentIds: [],
    },
  });
  const first = await post(dev2, moji.thread.id, '当社も同じ状況です。同定できない文字は自治体と個別に協議しています。');
  await post(support, moji.thread.id, '支援事業者として、対応表の突合ツールを提供できます。', first.message.id);
  await setReaction({ actor: toActor(dev), messageId: first.message.id, key: 'thumbsUp', on: true, broadcast: forum });
  await setReaction({ actor: toActor(support), messageId: first.message.id, key: 'thumbsUp', on: true, broadcast: forum });

  const cloud = await createThread({
    user: support,
    broadcast: forum,
    body: {
      clientId: randomUUID(),
      title: 'ガバメントクラウドの運用費用の見積もり方',
      body: '事業者間だけで、ガバメントクラウド移行後の運用費用の見積もり前提を揃えたいと思います。',
      visibility: 'vendors',
      businessAreas: [],
      attachmentIds: [],
    },
  });
  await post(dev, cloud.thread.id, 'ネットワーク費用の按分方法が各社でばらばらですね。');

  const pension = await raiseIssue({
    user: dev,
    broadcast: register,
    body: {
      title: '国民年金の標準仕様書における資格喪失日の記載が曖昧',
      description: '標準仕様書の資格喪失日の扱いについて、二通りの解釈ができる記載になっています。',
      businessAreas: ['national-pension'],
      category: 'spec',
      specialReason: null,
      dueDate: jstDate(30, 0).slice(0, 10),
      lawEnforcementDate: null,
      specPublishedDate: null,
    },
  });
  await setSupport({ user: dev2, issueId: pension.id, on: true, broadcast: register });
  await transitionIssue({ user: secretariat, issueId: pension.id, body: { to: 'accepted' }, broadcast: register });
  await transitionIssue({ user: secretariat, issueId: pension.id, body: { to: 'reviewing' }, broadcast: register });
  await addComment({ user: support, issueId: pension.id, body: '支援先の自治体でも同じ質問が出ています。', broadcast: register });

  const care = await raiseIssue({
    user: dev2,
    broadcast: register,
    body: {
      title: '介護保険制度改正への標準仕様書改定が施行1年前に間に合わない',
      description: '制度改正の施行日に対して、標準仕様書の改定版公開が1年を切る見込みです。',
      businessAreas: ['long-term-care-insurance'],
      category: 'lawChange',
      specialReason: 'vendor-resources',
      dueDate: null,
      lawEnforcementDate: jstDate(300, 0).slice(0, 10),
      specPublishedDate: null,
    },
  });
  await transitionIssue({ user: secretariat, issueId: care.id, body: { to: 'accepted' }, broadcast: register });
  await addAnswer({
    user: mhlw,
    issueId: care.id,
    body: '改定案を先行して公開する予定です。公開時期は追ってお知らせします。',
    broadcast: register,
  });

  await raiseIssue({
    user: support,
    broadcast: register,
    body: {
      title: 'データ移行時の文字化けの検証手順を共通化してほしい',
      description: '移行元システムごとに検証手順が異なり、工数が膨らんでいます。',
      businessAreas: ['individual-inhabitant-tax', 'fixed-asset-tax'],
      category: 'migration',
      specialReason: null,
      dueDate: null,
      lawEnforcementDate: null,
      specPublishedDate: null,
    },
  });

  const plenary = await createMeeting({
    user: secretariat,
    body: {
      kind: 'plenary',
      title: '第7回 全体会議',
      startsAt: jstDate(14, 14),
      endsAt: jstDate(14, 16),
      onlineUrl: 'https://meet.example.jp/council-plenary-7',
      venue: null,
      capacity: null,
      description: '各府省からの標準仕様書改定の状況報告と、課題管理表の進捗共有を行います。',
      agenda: [
        { title: '標準仕様書改定の状況（各府省）', presenterOrganizationId: null, minutes: 40, issueIds: [care.id], threadIds: [] },
        {
          title: '課題管理表の進捗',
          presenterOrganizationId: String(secretariat.organization._id),
          minutes: 30,
          issueIds: [pension.id],
          threadIds: [moji.thread.id],
        },
      ],
      extraInviteeIds: [],
    },
  });
  const consultation = await createMeeting({
    user: secretariat,
    body: {
      kind: 'consultation',
      title: '第4回 課題協議会議（国民年金）',
      startsAt: jstDate(21, 10),
      endsAt: jstDate(21, 12),
      onlineUrl: 'https://meet.example.jp/council-consultation-4',
      venue: 'デジタル庁 20階 会議室',
      capacity: 30,
      description: '国民年金の標準仕様書に関する課題を協議します。',
      agenda: [
        {
          title: '資格喪失日の記載について',
          presenterOrganizationId: String(dev.organization._id),
          minutes: 45,
          issueIds: [pension.id],
          threadIds: [],
        },
      ],
      extraInviteeIds: [],
    },
  });
  await MeetingModel.updateMany({ _id: trusted({ $in: [plenary.id, consultation.id] }) }, { $set: { status: 'scheduled' } });
  return true;
}
