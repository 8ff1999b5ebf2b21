import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Announcement } from '@shared/schemas/announcements';
import { useCurrentUser } from '@client/components/CurrentUser';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { NotPermitted } from '@client/components/NotPermitted';
import { Notice } from '@client/components/Notice';
import { usePageTitle } from '@client/components/usePageTitle';
import { useAnnouncement, useCreateAnnouncement, useUpdateAnnouncement } from '@client/queries/announcements';
import { AnnouncementForm } from './AnnouncementForm';
import { draftFromAnnouncement, emptyDraft } from './announcementDraft';
import { useAnnouncementsT } from './useAnnouncementsT';
import './announcements.css';

/** /announcements/new: the secretariat writes an announcement (a draft until it is published). */
export function NewAnnouncementPage() {
  const at = useAnnouncementsT();
  usePageTitle(at('announcements.form.newTitle'));
  const me = useCurrentUser();
  const navigate = useNavigate();
  const create = useCreateAnnouncement();
  const initial = useMemo(emptyDraft, []);
  if (!me.abilities['announcement.publish']) return <AnnouncementFormRefused />;
  return (
    <>
      <p className="back-link">
        <Link to="/announcements">{at('announcements.detail.back')}</Link>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{at('announcements.eyebrow')}</p>
        <h1>{at('announcements.form.newTitle')}</h1>
        <p className="lead">{at('announcements.form.newLead')}</p>
      </header>
      <AnnouncementForm
        initial={initial}
        correcting={false}
        busy={create.isPending}
        submitLabel={at('announcements.form.create')}
        onSubmit={async (body) => {
          const created = await create.mutateAsync(body);
          void navigate(`/announcements/${created.id}`);
        }}
        onCancel={() => void navigate('/announcements')}
      />
    </>
  );
}

/** /announcements/:id/edit: change a draft, or correct a published announcement. */
export function EditAnnouncementPage() {
  const at = useAnnouncementsT();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const announcement = useAnnouncement(id);
  usePageTitle(at('announcements.form.editTitle'));
  if (!me.abilities['announcement.publish']) return <AnnouncementFormRefused />;
  if (announcement.isPending) return <LoadingState />;
  if (announcement.isError)
    return (
      <ErrorState
        error={announcement.error}
        onRetry={() => void announcement.refetch()}
        back={{ to: '/announcements', label: at('announcements.detail.back') }}
        notFound={at('announcements.detail.notFound')}
      />
    );
  return <EditForm announcement={announcement.data} />;
}

function EditForm({ announcement }: { announcement: Announcement }) {
  const at = useAnnouncementsT();
  const navigate = useNavigate();
  const update = useUpdateAnnouncement(announcement.id);
  const back = `/announcements/${announcement.id}`;
  const correcting = announcement.status === 'published';
  return (
    <>
      <p className="back-link">
        <Link to={back} data-user-content>
          {announcement.title}
        </Link>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{at('announcements.eyebrow')}</p>
        <h1>{at('announcements.form.editTitle')}</h1>
      </header>
      {announcement.abilities.edit ? (
        <AnnouncementForm
          // Read once (the form keeps its own state): a background refetch must not wipe what is being typed.
          initial={draftFromAnnouncement(announcement)}
          correcting={correcting}
          busy={update.isPending}
          submitLabel={at(correcting ? 'announcements.form.saveCorrection' : 'announcements.form.save')}
          onSubmit={async (body) => {
            await update.mutateAsync(body);
            void navigate(back);
          }}
          onCancel={() => void navigate(back)}
        />
      ) : (
        <Notice tone="info">{at('announcements.detail.withdrawn')}</Notice>
      )}
    </>
  );
}

/** Only the secretariat writes announcements: others are told so, and where to read them. */
function AnnouncementFormRefused() {
  const at = useAnnouncementsT();
  return (
    <NotPermitted
      title={at('announcements.notPermitted.title')}
      body={at('announcements.notPermitted.body')}
      back={{ to: '/announcements', label: at('announcements.notPermitted.back') }}
    />
  );
}
