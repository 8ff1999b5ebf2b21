import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_GROUPS, SEARCH_SORTS, type SearchKind } from '@shared/schemas/search';
import { BusinessAreaSelect } from '@client/components/BusinessAreaSelect';
import { Field } from '@client/components/Field';
import type { SearchParams } from '@client/queries/search';
import { OrganizationSelect } from '../meetings/common/OrganizationSelect';
import { isOfferedStatus, useStatusGroups } from '@client/components/search/statuses';
import type { SearchGroup } from './groups';
import { filterCount } from './useSearchUrl';

interface Props {
  params: SearchParams;
  onChange: (change: Partial<SearchParams>) => void;
}

const isSort = (value: string) => SEARCH_SORTS.find((s) => s === value);

/** Wide enough for the filters beside the results' start; on a phone they fold until asked for. */
const WIDE = '(min-width: 48rem)';

/**
 * The results page's filters, each applied as it is changed: kinds (checkboxes, by the results' groups), when it
 * was written, business area, organisation, status (those of the kinds chosen) and the order. A disclosure, open
 * on a wide screen or when some are set, folded on a phone so the results come first.
 */
export function SearchFilters({ params, onChange }: Props) {
  const { t } = useTranslation();
  const statusGroups = useStatusGroups(params.kinds);
  const kinds = params.kinds ?? [];
  const count = filterCount(params);
  const [open, setOpen] = useState(() => count > 0 || window.matchMedia(WIDE).matches);
  function toggle(kind: SearchKind, on: boolean) {
    const chosen = on ? [...kinds, kind] : kinds.filter((k) => k !== kind);
    // A status the kinds chosen cannot have would hide everything: it goes with them.
    const status = params.status && isOfferedStatus(chosen, params.status) ? params.status : undefined;
    onChange({ kinds: chosen, status });
  }

  return (
    <details className="filters search-filters" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="search-filters__summary">{count > 0 ? t('search.page.filtersSet', { count }) : t('search.page.filters')}</summary>
      <div className="search-filters__body">
        <fieldset className="search-filters__kinds">
          <legend className="field__label">{t('search.page.kinds')}</legend>
          <div className="search-filters__groups">
            {SEARCH_GROUPS.map(({ group, kinds: inGroup }) => (
              <div key={group} className="search-filters__group" role="group" aria-label={t(`search.groups.${group as SearchGroup}`)}>
                {inGroup.map((kind) => (
                  <label key={kind} className="checkbox">
                    <input type="checkbox" checked={kinds.includes(kind)} onChange={(event) => toggle(kind, event.target.checked)} />
                    <span>{t(`search.kinds.${kind}`)}</span>
                  </label>
                ))}
              </div>
            ))}
          </div>
        </fieldset>
        <div className="search-filters__row">
          <Field label={t('search.page.from')}>
            {(control) => (
              <input
                type="date"
                className="input"
                {...control}
                value={params.from ?? ''}
                max={params.to}
                onChange={(event) => onChange({ from: event.target.value || undefined })}
              />
            )}
          </Field>
          <Field label={t('search.page.to')}>
            {(control) => (
              <input
                type="date"
                className="input"
                {...control}
                value={params.to ?? ''}
                min={params.from}
                onChange={(event) => onChange({ to: event.target.value || undefined })}
              />
            )}
          </Field>
          <BusinessAreaSelect
            label={t('search.page.area')}
            anyLabel={t('search.page.areaAll')}
            value={params.area ?? null}
            onChange={(area) => onChange({ area: area ?? undefined })}
          />
          <Field label={t('search.page.organization')}>
            {(control) => (
              <OrganizationSelect
                {...control}
                value={params.organization ?? ''}
                noneLabel={t('search.page.organizationAll')}
                onChange={(organization) => onChange({ organization: organization || undefined })}
              />
            )}
          </Field>
          <Field label={t('search.page.status')}>
            {(control) => (
              <select
                className="select"
                {...control}
                value={params.status ?? ''}
                onChange={(event) => onChange({ status: event.target.value || undefined })}
              >
                <option value="">{t('search.page.statusAll')}</option>
                {statusGroups.map(({ feature, statuses }) => (
                  <optgroup key={feature} label={t(`search.kinds.${feature}`)}>
                    {statuses.map(({ value, label }) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('search.page.sort')}>
            {(control) => (
              <select
                className="select"
                {...control}
                value={params.sort ?? 'relevance'}
                onChange={(event) => onChange({ sort: isSort(event.target.value) })}
              >
                <option value="relevance">{t('search.page.sortRelevance')}</option>
                <option value="date">{t('search.page.sortDate')}</option>
              </select>
            )}
          </Field>
        </div>
        {count > 0 && (
          <button
            type="button"
            className="button button--tertiary filters__clear"
            onClick={() =>
              onChange({ kinds: undefined, from: undefined, to: undefined, area: undefined, organization: undefined, status: undefined })
            }
          >
            {t('search.page.clear')}
          </button>
        )}
      </div>
    </details>
  );
}
