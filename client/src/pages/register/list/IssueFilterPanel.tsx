import { useState } from 'react';
import { ISSUE_MINE } from '@shared/schemas/issues';
import { ISSUE_CATEGORIES, ISSUE_STATUSES } from '@shared/register/rules';
import { MINISTRY_KEYS, SPECIAL_MIGRATION_REASONS } from '@shared/reference/council';
import { useBusinessAreaOptions } from '@client/components/BusinessAreaSelect';
import { useCurrentUser } from '@client/components/CurrentUser';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { useRegisterLabels } from '../common/labels';
import { useRegisterT } from '../useRegisterT';
import { AssigneeFilter } from './AssigneeFilter';
import { MultiChoiceFilter } from './MultiChoiceFilter';
import { hasFilters, type RegisterView } from './useRegisterView';

type Props = Pick<RegisterView, 'view' | 'update' | 'clearFilters'>;

/** Every filter the server offers; choices apply at once, the words when the search is sent. */
export function IssueFilterPanel({ view, update, clearFilters }: Props) {
  const rt = useRegisterT();
  const labels = useRegisterLabels();
  const areas = useBusinessAreaOptions();
  // 自組織が登録 / 自組織が賛同: for the organisations that raise and support issues.
  const vendor = useCurrentUser().abilities['issue.support'];

  return (
    <section className="register-filters" aria-labelledby="register-filters-title">
      <h2 id="register-filters-title" className="visually-hidden">
        {rt('register.filters.title')}
      </h2>
      {/* Keyed on the URL's words: clearing the filters (or going back) resets the box. */}
      <KeywordSearch key={view.q ?? ''} initial={view.q ?? ''} onSearch={(q) => update({ q: q || undefined })} />
      <fieldset className="register-filters__statuses">
        <legend className="field__label">{rt('register.fields.status')}</legend>
        <div className="chip-choices">
          {ISSUE_STATUSES.map((status) => {
            const selected = view.status ?? [];
            const checked = selected.includes(status);
            return (
              <label key={status} className="chip-choice">
                <input
                  type="checkbox"
                  checked={checked}
                  onChange={() => {
                    const next = ISSUE_STATUSES.filter((s) => (s === status ? !checked : selected.includes(s)));
                    update({ status: next.length ? next : undefined });
                  }}
                />
                <span>{labels.status(status)}</span>
              </label>
            );
          })}
        </div>
      </fieldset>
      <div className="register-filters__groups">
        <MultiChoiceFilter
          label={rt('register.fields.businessAreas')}
          options={areas}
          selected={view.businessArea}
          onChange={(businessArea) => update({ businessArea })}
        />
        <MultiChoiceFilter
          label={rt('register.fields.category')}
          options={ISSUE_CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }))}
          selected={view.category}
          onChange={(category) => update({ category })}
        />
        <MultiChoiceFilter
          label={rt('register.fields.specialReason')}
          options={SPECIAL_MIGRATION_REASONS.map((r) => ({
            value: r.key,
            label: labels.reasonShort(r.key),
            detail: labels.reasonText(r.key),
          }))}
          selected={view.reason}
          onChange={(reason) => update({ reason })}
        />
        <MultiChoiceFilter
          label={rt('register.fields.ministry')}
          options={MINISTRY_KEYS.map((m) => ({ value: m, label: labels.ministry(m) }))}
          selected={view.ministry}
          onChange={(ministry) => update({ ministry })}
        />
      </div>
      <div className="register-filters__flags">
        <label className="register-filters__answer">
          <span className="field__label">{rt('register.filters.answer')}</span>
          <select
            className="select select--small"
            value={view.hasAnswer === undefined ? '' : String(view.hasAnswer)}
            onChange={(event) => update({ hasAnswer: event.target.value === '' ? undefined : event.target.value === 'true' })}
          >
            <option value="">{rt('register.filters.answerAny')}</option>
            <option value="true">{rt('register.filters.answerYes')}</option>
            <option value="false">{rt('register.filters.answerNo')}</option>
          </select>
        </label>
        {vendor && (
          <label className="register-filters__answer">
            <span className="field__label">{rt('register.filters.mine')}</span>
            <select
              className="select select--small"
              value={view.mine ?? ''}
              onChange={(event) => update({ mine: ISSUE_MINE.find((m) => m === event.target.value) })}
            >
              <option value="">{rt('register.filters.mineAny')}</option>
              <option value="raised">{rt('register.filters.mineRaised')}</option>
              <option value="supported">{rt('register.filters.mineSupported')}</option>
            </select>
          </label>
        )}
        <AssigneeFilter view={view} update={update} />
        <FlagCheckbox label={rt('register.filters.followingOnly')} value={view.following} onChange={(following) => update({ following })} />
        <FlagCheckbox label={rt('register.filters.overdueOnly')} value={view.overdue} onChange={(overdue) => update({ overdue })} />
        <FlagCheckbox
          label={rt('register.filters.leadTimeOnly')}
          value={view.leadTimeShort}
          onChange={(leadTimeShort) => update({ leadTimeShort })}
        />
      </div>
      {hasFilters(view) && (
        <p className="register-filters__clear">
          <button type="button" className="button button--tertiary" onClick={clearFilters}>
            {rt('register.filters.clear')}
          </button>
        </p>
      )}
    </section>
  );
}

function KeywordSearch({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const rt = useRegisterT();
  const [q, setQ] = useState(initial);
  return (
    <form
      role="search"
      className="register-filters__search"
      aria-label={rt('register.filters.searchLabel')}
      onKeyDown={preventSubmitWhileComposing}
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(q.trim());
      }}
    >
      <label htmlFor="register-search" className="field__label">
        {rt('register.filters.keyword')}
      </label>
      <p id="register-search-hint" className="field__hint">
        {rt('register.filters.keywordHint')}
      </p>
      <div className="register-filters__search-row">
        <input
          id="register-search"
          type="search"
          className="input"
          maxLength={100}
          value={q}
          aria-describedby="register-search-hint"
          onChange={(event) => setQ(event.target.value)}
        />
        <button type="submit" className="button button--secondary">
          {rt('register.filters.search')}
        </button>
      </div>
    </form>
  );
}

/** "Only …": checked filters to `true`; unchecked means no filter (not `false`). */
function FlagCheckbox({
  label,
  value,
  onChange,
}: {
  label: string;
  value: boolean | undefined;
  onChange: (value: true | undefined) => void;
}) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked ? true : undefined)} />
      <span>{label}</span>
    </label>
  );
}
