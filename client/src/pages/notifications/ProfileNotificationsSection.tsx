import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The profile's way to the notification settings. */
export function ProfileNotificationsSection() {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="profile-notifications-title">
      <h2 id="profile-notifications-title">{t('notifications.settings.profileSection.title')}</h2>
      <p className="muted">{t('notifications.settings.profileSection.body')}</p>
      <p>
        <Link to="/profile/notifications">{t('notifications.settings.profileSection.link')}</Link>
      </p>
    </section>
  );
}
