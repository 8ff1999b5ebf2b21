import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '@shared/schemas/organizations';
import { useLanguage } from '@client/i18n/useLanguage';
import { useOrganizations } from '@client/queries/organizations';
import { useMeetingsT } from '../useMeetingsT';

interface Props {
  selectedIds: string[];
  error?: string | undefined;
  onChange: (ids: string[]) => void;
}

/**
 * A consultation invites development vendors, the ministries and the secretariat by itself; the
 * secretariat may add support vendors and public bodies. Those are the only ones offered here.
 */
const addable = (o: Organization) =>
  (o.kind === 'vendor' && o.vendorType === 'support') || (o.kind === 'observer' && o.observerKind === 'body');

export function InviteePicker({ selectedIds, error, onChange }: Props) {
  const mt = useMeetingsT();
  const { t } = useTranslation();
  const [language] = useLanguage();
  const id = useId();
  const directory = useOrganizations();
  const [filter, setFilter] = useState('');
  const name = (o: Organization) => (language === 'ja' ? o.nameJa : o.nameEn) || o.nameJa;

  const candidates = (directory.data?.organizations ?? []).filter(addable);
  const needle = filter.trim().toLowerCase();
  // Chosen ones first, so they stay in view however long the list of 115 support vendors is.
  const shown = candidates
    .filter(
      (o) => selectedIds.includes(o.id) || !needle || o.nameJa.toLowerCase().includes(needle) || o.nameEn.toLowerCase().includes(needle),
    )
    .sort((a, b) => Number(selectedIds.includes(b.id)) - Number(selectedIds.includes(a.id)) || name(a).localeCompare(name(b), language));

  const toggle = (orgId: string, on: boolean) => onChange(on ? [...selectedIds, orgId] : selectedIds.filter((x) => x !== orgId));

  return (
    <fieldset className={error ? 'invitee-picker field--invalid' : 'invitee-picker'} aria-describedby={`${id}-hint ${id}-error`}>
      <legend className="field__label">{mt('meetings.form.extraInvitees')}</legend>
      <p id={`${id}-hint`} className="field__hint">
        {mt('meetings.form.extraInviteesHint')}
      </p>
      <label className="field__label field__label--small" htmlFor={`${id}-filter`}>
        {mt('meetings.form.inviteeFilter')}
      </label>
      <input
        id={`${id}-filter`}
        type="search"
        className="input input--small"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
      />
      <p className="small" aria-live="polite">
        {mt('meetings.form.inviteesChosen', { count: selectedIds.length })}
      </p>
      {directory.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <ul className="invitee-picker__list">
          {shown.map((o) => (
            <li key={o.id}>
              <label className="checkbox">
                <input type="checkbox" checked={selectedIds.includes(o.id)} onChange={(event) => toggle(o.id, event.target.checked)} />
                <span>
                  {name(o)}{' '}
                  <span className="muted small">（{o.kind === 'vendor' ? t('vendorTypes.support') : t('observerKinds.body')}）</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <div id={`${id}-error`} className="field__error" aria-live="polite">
        {error}
      </div>
    </fieldset>
  );
}
