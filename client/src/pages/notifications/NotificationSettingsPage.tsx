import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  canTurnOff,
  DEFAULT_DELIVERY,
  DELIVERIES,
  NOTIFICATION_KINDS,
  type Delivery,
  type NotificationKind,
} from '@shared/notifications/kinds';
import { NotificationSettingsBody, type NotificationSettings } from '@shared/schemas/notifications';
import { ErrorState } from '@client/components/ErrorState';
import { Field } from '@client/components/Field';
import { FormAlert } from '@client/components/FormAlert';
import { LoadingState } from '@client/components/LoadingState';
import { Notice } from '@client/components/Notice';
import { serverFieldError, type FieldErrors } from '@client/components/formErrors';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { usePageTitle } from '@client/components/usePageTitle';
import { LANGUAGES, type Language } from '@client/i18n';
import { useNotificationSettings, useUpdateNotificationSettings } from '@client/queries/notifications';
import { KINDS_BY_GROUP } from './kindGroups';

/** A form field as the server names it (`body.deliveries.thread.mention` → `deliveries.thread.mention`). */
type SettingsField = 'language' | `deliveries.${NotificationKind}`;
const FIELDS: readonly SettingsField[] = ['language', ...NOTIFICATION_KINDS.map((kind) => `deliveries.${kind}` as const)];

/** Ids of one kind's row (a kind's dot is no trouble in an id, but reads oddly in a list of them). */
const rowId = (kind: NotificationKind) => `notification-kind-${kind.replace('.', '-')}`;
const deliveryId = (delivery: Delivery) => `notification-delivery-${delivery}`;

/** /profile/notifications: how the person hears of each kind of notification, and the e-mails' language. */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.settings.title'));
  const settings = useNotificationSettings();

  return (
    <>
      <p className="back-link">
        <Link to="/profile">← {t('notifications.settings.backToProfile')}</Link>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('notifications.settings.eyebrow')}</p>
        <h1>{t('notifications.settings.title')}</h1>
        <p className="lead">{t('notifications.settings.lead')}</p>
      </header>
      {settings.isPending ? (
        <LoadingState />
      ) : settings.isError ? (
        <ErrorState
          error={settings.error}
          onRetry={() => void settings.refetch()}
          back={{ to: '/profile', label: t('notifications.settings.backToProfile') }}
        />
      ) : (
        <SettingsForm settings={settings.data} />
      )}
      <p className="notification-settings__inbox-link">
        <Link to="/notifications">{t('notifications.settings.toInbox')}</Link>
      </p>
    </>
  );
}

/** The table of kinds × deliveries and the language, saved together with the shared schema the server validates with. */
function SettingsForm({ settings }: { settings: NotificationSettings }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const update = useUpdateNotificationSettings();
  const [deliveries, setDeliveries] = useState<Record<NotificationKind, Delivery>>(() => ({ ...DEFAULT_DELIVERY, ...settings.deliveries }));
  const [language, setLanguage] = useState<Language>(settings.language);
  const [errors, setErrors] = useState<FieldErrors<SettingsField>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  function choose(kind: NotificationKind, delivery: Delivery) {
    setSaved(false);
    setDeliveries((current) => ({ ...current, [kind]: delivery }));
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    setFormError(null);
    setErrors({});
    // Only the kinds changed here: the others keep following the defaults until the person chooses.
    const changed = NOTIFICATION_KINDS.filter((kind) => deliveries[kind] !== settings.deliveries[kind]);
    const parsed = NotificationSettingsBody.safeParse({
      deliveries: Object.fromEntries(changed.map((kind) => [kind, deliveries[kind]])),
      language,
    });
    if (!parsed.success) {
      setFormError(t('errors.field.invalid'));
      return;
    }
    // From the promise rather than mutate()'s callbacks, which a remounted form would never hear.
    update.mutateAsync(parsed.data).then(
      (stored) => {
        // What the server stored is what the form shows from now on.
        setDeliveries({ ...DEFAULT_DELIVERY, ...stored.deliveries });
        setLanguage(stored.language);
        setSaved(true);
      },
      (error: unknown) => {
        const fieldError = serverFieldError(error, FIELDS, t);
        if (fieldError) setErrors(fieldError);
        else setFormError(errorMessage(error));
      },
    );
  }

  return (
    <form
      className="form notification-settings"
      onSubmit={submit}
      onKeyDown={preventSubmitWhileComposing}
      noValidate
      aria-busy={update.isPending || undefined}
    >
      {saved && (
        <Notice tone="success">
          <p>{t('notifications.settings.saved')}</p>
        </Notice>
      )}
      <FormAlert message={formError} />
      <div className="table-scroll">
        <table className="table notification-settings__table">
          <caption className="visually-hidden">{t('notifications.settings.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('notifications.settings.kindColumn')}</th>
              {DELIVERIES.map((delivery) => (
                <th key={delivery} scope="col" id={deliveryId(delivery)}>
                  {t(`notifications.deliveries.${delivery}`)}
                </th>
              ))}
            </tr>
          </thead>
          {KINDS_BY_GROUP.map(({ group, kinds }) => (
            <tbody key={group}>
              <tr className="notification-settings__group">
                <th scope="colgroup" colSpan={DELIVERIES.length + 1}>
                  {t(`notifications.groups.${group}`)}
                </th>
              </tr>
              {kinds.map((kind) => (
                <KindRow
                  key={kind}
                  kind={kind}
                  value={deliveries[kind]}
                  error={errors[`deliveries.${kind}`]}
                  onChoose={(delivery) => choose(kind, delivery)}
                />
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <p className="field__hint notification-settings__note">{t('notifications.settings.announcementHint')}</p>
      <Field
        label={t('notifications.settings.language')}
        hint={t('notifications.settings.languageHint', { email: settings.email })}
        error={errors.language}
      >
        {(control) => (
          <select
            {...control}
            className="select notification-settings__language"
            value={language}
            onChange={(event) => {
              setSaved(false);
              setLanguage(LANGUAGES.find((l) => l === event.target.value) ?? 'ja');
            }}
          >
            {LANGUAGES.map((option) => (
              <option key={option} value={option} lang={option}>
                {t(`notifications.settings.languages.${option}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {update.isPending ? t('notifications.settings.saving') : t('notifications.settings.save')}
        </button>
      </div>
    </form>
  );
}

/**
 * One kind: its name (and why `off` is not offered, where it is not), then a radio per delivery,
 * each named by the row and its column (「自分への返信 受信箱のみ」). One name per row groups them, so
 * the arrow keys move along the row.
 */
function KindRow({
  kind,
  value,
  error,
  onChoose,
}: {
  kind: NotificationKind;
  value: Delivery;
  error: string | undefined;
  onChoose: (delivery: Delivery) => void;
}) {
  const { t } = useTranslation();
  const id = rowId(kind);
  const fixed = !canTurnOff(kind);
  const describedBy = [fixed ? `${id}-note` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <tr>
      <th scope="row">
        <span id={`${id}-label`}>{t(`notifications.kinds.${kind}`)}</span>
        {fixed && (
          <span id={`${id}-note`} className="notification-settings__why">
            {t('notifications.settings.cannotTurnOff')}
          </span>
        )}
        <span id={`${id}-error`} className="field__error" aria-live="polite">
          {error}
        </span>
      </th>
      {DELIVERIES.map((delivery) => (
        <td key={delivery} className="notification-settings__cell">
          <label className="notification-settings__choice">
            <input
              type="radio"
              name={id}
              value={delivery}
              checked={value === delivery}
              disabled={fixed && delivery === 'off'}
              aria-labelledby={`${id}-label ${deliveryId(delivery)}`}
              aria-describedby={describedBy}
              aria-invalid={error ? true : undefined}
              onChange={() => onChoose(delivery)}
            />
            {/* Shown where the table folds into one block per kind (a phone), where the column headings are not seen. */}
            <span className="notification-settings__choice-text" aria-hidden="true">
              {t(`notifications.deliveries.${delivery}`)}
            </span>
          </label>
        </td>
      ))}
    </tr>
  );
}
