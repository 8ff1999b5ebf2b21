import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Announcement } from '@shared/schemas/announcements';
import { AttachmentFile } from '@client/components/attachments/AttachmentFile';
import { ConfirmDialog } from '@client/components/ConfirmDialog';
import { DateTimeText } from '@client/components/DateTimeText';
import { ErrorState } from '@client/components/ErrorState';
import { FormAlert } from '@client/components/FormAlert';
import { LoadingState } from '@client/components/LoadingState';
import { Markdown } from '@client/components/markdown/Markdown';
import { Notice } from '@client/components/Notice';
import { usePageTitle } from '@client/components/usePageTitle';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useLanguage } from '@client/i18n/useLanguage';
import { useAnnouncement, useConfirmAnnouncement, useMoveAnnouncement } from '@client/queries/announcements';
import { AnnouncementMarks, AudienceText } from './AnnouncementMarks';
import { useAnnouncementsT } from './useAnnouncementsT';
import './announcements.css';

/** Announcements carry no mentions; the renderer still asks for the list. */
const NO_MENTIONS = { users: [], organizations: [] };

/** /announcements/:id: the announcement, the reader's organisation's confirmation, and the secretariat's actions. */
export function AnnouncementPage() {
  const at = useAnnouncementsT();
  const { id = '' } = useParams();
  const announcement = useAnnouncement(id);
  usePageTitle(announcement.data?.title ?? at('announcements.list.title'));
  const back = { to: '/announcements', label: at('announcements.detail.back') };
  if (announcement.isPending) return <LoadingState />;
  if (announcement.isError)
    return (
      <ErrorState
        error={announcement.error}
        onRetry={() => void announcement.refetch()}
        back={back}
        notFound={at('announcements.detail.notFound')}
      />
    );
  return <AnnouncementView announcement={announcement.data} />;
}

function AnnouncementView({ announcement: a }: { announcement: Announcement }) {
  const at = useAnnouncementsT();
  const [language] = useLanguage();
  return (
    <article className="announcement" aria-labelledby="announcement-title">
      <p className="back-link">
        <Link to="/announcements">{at('announcements.detail.back')}</Link>
      </p>
      <header className="page-header announcement__header">
        <p className="page-header__eyebrow">{at('announcements.eyebrow')}</p>
        <div className="announcement__marks">
          <AnnouncementMarks announcement={a} />
        </div>
        <h1 id="announcement-title" data-user-content>
          {a.title}
        </h1>
      </header>
      {a.status === 'withdrawn' && (
        <Notice tone="warning" title={at('announcements.detail.withdrawn')}>
          <p>
            {at('announcements.detail.withdrawnAt')}: <DateTimeText iso={a.withdrawnAt} />
          </p>
        </Notice>
      )}
      <dl className="facts announcement__facts">
        <div className="facts__row">
          <dt>{at('announcements.fields.publishedAt')}</dt>
          <dd>
            <DateTimeText iso={a.publishedAt} fallback={at('announcements.status.draft')} />
          </dd>
        </div>
        {a.correctedAt && a.status !== 'draft' && (
          <div className="facts__row">
            <dt>{at('announcements.detail.corrected')}</dt>
            <dd>
              <DateTimeText iso={a.correctedAt} />
            </dd>
          </div>
        )}
        {a.deadline && (
          <div className="facts__row">
            <dt>{at('announcements.fields.deadline')}</dt>
            <dd>
              <DateTimeText iso={a.deadline} />
            </dd>
          </div>
        )}
        <div className="facts__row">
          <dt>{at('announcements.fields.audience')}</dt>
          <dd>
            <AudienceText audience={a.audience} />
          </dd>
        </div>
        <div className="facts__row">
          <dt>{at('announcements.fields.author')}</dt>
          <dd data-user-content>{a.author.displayName}</dd>
        </div>
      </dl>
      <ConfirmPanel announcement={a} />
      <SecretariatPanel announcement={a} />
      <div className="announcement__body">
        <Markdown source={a.body} mentions={NO_MENTIONS} language={language} />
      </div>
      <AttachmentsSection announcement={a} />
    </article>
  );
}

/** 添付ファイル: each file with its thumbnail or preview and its download, as a meeting's materials. */
function AttachmentsSection({ announcement: a }: { announcement: Announcement }) {
  const at = useAnnouncementsT();
  if (a.attachments.length === 0) return null;
  return (
    <section className="announcement-attachments" aria-labelledby="announcement-attachments-title">
      <h2 id="announcement-attachments-title">{at('announcements.fields.attachments')}</h2>
      <ul className="announcement-attachments__list">
        {a.attachments.map((file) => (
          <li key={file.id} className="announcement-attachments__item">
            <AttachmentFile file={file} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * 組織として確認しました, for a member of an addressed organisation: the button while nobody in the
 * organisation has confirmed; then who confirmed and when (a colleague's confirmation arrives live).
 */
function ConfirmPanel({ announcement: a }: { announcement: Announcement }) {
  const at = useAnnouncementsT();
  const errorMessage = useErrorMessage();
  const confirm = useConfirmAnnouncement(a.id);
  if (a.myConfirmation) {
    return (
      <section className="announcement-confirm announcement-confirm--done" aria-labelledby="announcement-confirm-title">
        <h2 id="announcement-confirm-title" className="announcement-confirm__title">
          {at('announcements.detail.confirmedTitle')}
        </h2>
        <dl className="announcement-confirm__facts">
          <div>
            <dt>{at('announcements.detail.confirmedBy')}</dt>
            <dd data-user-content>{a.myConfirmation.by.displayName}</dd>
          </div>
          <div>
            <dt>{at('announcements.detail.confirmedAt')}</dt>
            <dd>
              <DateTimeText iso={a.myConfirmation.at} />
            </dd>
          </div>
        </dl>
      </section>
    );
  }
  if (!a.abilities.confirm) return null;
  return (
    <section className="announcement-confirm" aria-labelledby="announcement-confirm-title">
      <h2 id="announcement-confirm-title" className="announcement-confirm__title">
        {at('announcements.detail.confirmTitle')}
      </h2>
      <p>{at('announcements.detail.confirmLead')}</p>
      <button
        type="button"
        className="button button--primary"
        disabled={confirm.isPending}
        aria-busy={confirm.isPending || undefined}
        onClick={() => confirm.mutate()}
      >
        {confirm.isPending ? at('announcements.detail.confirming') : at('announcements.detail.confirmButton')}
      </button>
      <FormAlert message={confirm.isError ? errorMessage(confirm.error) : null} />
    </section>
  );
}

/** The secretariat's view: the counts, the tracker, and editing, publishing and withdrawing (each asked first where it tells people). */
function SecretariatPanel({ announcement: a }: { announcement: Announcement }) {
  const at = useAnnouncementsT();
  const errorMessage = useErrorMessage();
  const move = useMoveAnnouncement(a.id);
  const [asking, setAsking] = useState<'publish' | 'withdraw' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { abilities } = a;
  if (!abilities.track) return null;

  async function run(step: 'publish' | 'withdraw') {
    setDone(null);
    try {
      await move.mutateAsync(step);
      setDone(at(step === 'publish' ? 'announcements.detail.published' : 'announcements.detail.withdrawnDone'));
    } catch {
      // Shown by the alert below.
    }
    setAsking(null);
  }

  return (
    <section className="announcement-manage" aria-label={at('announcements.eyebrow')}>
      {a.counts && a.mustConfirm && a.status !== 'draft' && (
        <p className="announcement-manage__counts">
          {at('announcements.detail.counts', { confirmed: a.counts.confirmed, audience: a.counts.audience })}
        </p>
      )}
      <div className="announcement-manage__actions">
        {a.status !== 'draft' && (
          <Link className="button button--secondary" to={`/announcements/${a.id}/tracker`}>
            {at('announcements.detail.tracker')}
          </Link>
        )}
        {abilities.edit && (
          <Link className="button button--secondary" to={`/announcements/${a.id}/edit`}>
            {at('announcements.detail.edit')}
          </Link>
        )}
        {abilities.publish && (
          <button type="button" className="button button--primary" onClick={() => setAsking('publish')}>
            {at('announcements.detail.publish')}
          </button>
        )}
        {abilities.withdraw && (
          <button type="button" className="button button--danger-outline" onClick={() => setAsking('withdraw')}>
            {at('announcements.detail.withdraw')}
          </button>
        )}
      </div>
      <p className="announcement-manage__done" role="status">
        {done}
      </p>
      <FormAlert message={move.isError ? errorMessage(move.error) : null} />
      <ConfirmDialog
        open={asking === 'publish'}
        title={at('announcements.detail.publishDialog.title')}
        body={at('announcements.detail.publishDialog.body')}
        confirmLabel={at('announcements.detail.publishDialog.confirm')}
        busy={move.isPending}
        onConfirm={() => void run('publish')}
        onCancel={() => setAsking(null)}
      />
      <ConfirmDialog
        open={asking === 'withdraw'}
        title={at('announcements.detail.withdrawDialog.title')}
        body={at('announcements.detail.withdrawDialog.body')}
        confirmLabel={at('announcements.detail.withdrawDialog.confirm')}
        tone="danger"
        busy={move.isPending}
        onConfirm={() => void run('withdraw')}
        onCancel={() => setAsking(null)}
      />
    </section>
  );
}
