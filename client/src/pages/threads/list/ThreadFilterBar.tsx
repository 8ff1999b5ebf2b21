import { useTranslation } from 'react-i18next';
import { VISIBILITIES, type Visibility } from '@shared/threads/rules';
import { BusinessAreaSelect } from '@client/components/BusinessAreaSelect';
import { Field } from '@client/components/Field';
import type { ThreadFilters } from '@client/queries/threads';

interface Props {
  filters: ThreadFilters;
  /** Only what this person may read is worth offering. */
  readable: Visibility[];
  onChange: (change: Partial<ThreadFilters>) => void;
}

/** Visibility, business area and status (selects), "I took part" (a checkbox); each applies at once. The tab is kept. */
export function ThreadFilterBar({ filters, readable, onChange }: Props) {
  const { t } = useTranslation();
  const active = Object.keys(filters).some((key) => key !== 'view');

  return (
    <div className="filters thread-filters" role="group" aria-label={t('threads.filters.legend')}>
      {readable.length > 1 && (
        <Field label={t('threads.visibility.label')}>
          {(control) => (
            <select
              className="select"
              {...control}
              value={filters.visibility ?? ''}
              onChange={(event) => onChange({ visibility: VISIBILITIES.find((v) => v === event.target.value) })}
            >
              <option value="">{t('threads.filters.visibilityAll')}</option>
              {readable.map((visibility) => (
                <option key={visibility} value={visibility}>
                  {t(`threads.visibility.${visibility}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <BusinessAreaSelect
        label={t('threads.filters.area')}
        anyLabel={t('threads.filters.areaAll')}
        value={filters.businessArea ?? null}
        onChange={(area) => onChange({ businessArea: area ?? undefined })}
      />
      <Field label={t('threads.filters.resolved')}>
        {(control) => (
          <select
            className="select"
            {...control}
            value={filters.resolved === undefined ? '' : String(filters.resolved)}
            onChange={(event) => onChange({ resolved: event.target.value === '' ? undefined : event.target.value === 'true' })}
          >
            <option value="">{t('threads.filters.resolvedAll')}</option>
            <option value="false">{t('threads.filters.resolvedNo')}</option>
            <option value="true">{t('threads.filters.resolvedYes')}</option>
          </select>
        )}
      </Field>
      <div className="thread-filters__checks">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filters.mine === true}
            onChange={(event) => onChange({ mine: event.target.checked || undefined })}
          />
          <span>{t('threads.filters.mine')}</span>
        </label>
      </div>
      {active && (
        <button
          type="button"
          className="button button--tertiary filters__clear"
          onClick={() => onChange({ visibility: undefined, businessArea: undefined, resolved: undefined, mine: undefined })}
        >
          {t('threads.filters.clear')}
        </button>
      )}
    </div>
  );
}
