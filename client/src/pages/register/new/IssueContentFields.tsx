import { ISSUE_LIMITS } from '@shared/schemas/issues';
import { ISSUE_CATEGORIES, type IssueCategory } from '@shared/register/rules';
import { SPECIAL_MIGRATION_REASONS } from '@shared/reference/council';
import { BusinessAreaSelect } from '@client/components/BusinessAreaSelect';
import { Field } from '@client/components/Field';
import { TextField } from '@client/components/TextField';
import { SimilarItems } from '@client/components/search/SimilarItems';
import { useCommittedText } from '@client/components/search/useCommittedText';
import type { FieldErrors } from '@client/components/formErrors';
import { useRegisterLabels } from '../common/labels';
import { MarkdownEditor } from '@client/components/markdown/MarkdownEditor';
import { useRegisterT } from '../useRegisterT';
import { LeadTimeNotice } from './LeadTimeNotice';
import { MinistrySuggestion } from './MinistrySuggestion';
import type { IssueDraft, IssueDraftField } from './issueDraft';

interface Props {
  draft: IssueDraft;
  errors: FieldErrors<IssueDraftField>;
  onChange: (change: Partial<IssueDraft>) => void;
  /** The raiser proposes a due date when raising; afterwards only the secretariat sets it. */
  withDueDate: boolean;
  /** Raising: the issues like the title are shown as it is typed (duplicate hints). */
  withSimilar?: boolean;
}

const isCategory = (value: string): value is IssueCategory => (ISSUE_CATEGORIES as readonly string[]).includes(value);

/** What an issue says: the fields of raising it, and of editing it while it is 新規. */
export function IssueContentFields({ draft, errors, onChange, withDueDate, withSimilar = false }: Props) {
  const rt = useRegisterT();
  const labels = useRegisterLabels();
  const typedTitle = useCommittedText(draft.title);

  return (
    <>
      <TextField
        label={rt('register.fields.title')}
        required
        maxLength={ISSUE_LIMITS.titleLength}
        value={draft.title}
        error={errors.title}
        hint={rt('register.form.titleHint')}
        onChange={(event) => onChange({ title: event.target.value })}
        {...typedTitle.composition}
      />
      {withSimilar && <SimilarItems kind="issue" title={typedTitle.committed} />}
      <MarkdownEditor
        label={rt('register.fields.description')}
        hint={rt('register.form.descriptionHint')}
        required
        rows={10}
        maxLength={ISSUE_LIMITS.descriptionLength}
        value={draft.description}
        error={errors.description}
        onChange={(description) => onChange({ description })}
      />
      <div className="issue-form__areas">
        <BusinessAreaSelect
          multiple
          byMinistry
          required
          label={rt('register.fields.businessAreas')}
          hint={rt('register.form.areasHint')}
          value={draft.businessAreas}
          error={errors.businessAreas}
          onChange={(businessAreas) => onChange({ businessAreas })}
        />
        <MinistrySuggestion areas={draft.businessAreas} />
      </div>
      <div className="issue-form__row">
        <Field label={rt('register.fields.category')} required error={errors.category}>
          {(control) => (
            <select
              className="select"
              {...control}
              value={draft.category}
              onChange={(event) => onChange({ category: isCategory(event.target.value) ? event.target.value : '' })}
            >
              <option value="">{rt('register.form.choose')}</option>
              {ISSUE_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {labels.category(category)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {withDueDate && (
          <TextField
            type="date"
            label={rt('register.fields.dueDate')}
            hint={rt('register.form.dueDateHint')}
            value={draft.dueDate}
            error={errors.dueDate}
            onChange={(event) => onChange({ dueDate: event.target.value })}
          />
        )}
      </div>
      <Field label={rt('register.fields.specialReason')} hint={rt('register.form.specialReasonHint')} error={errors.specialReason}>
        {(control) => (
          <select
            className="select"
            {...control}
            value={draft.specialReason}
            onChange={(event) => onChange({ specialReason: event.target.value })}
          >
            <option value="">{rt('register.form.noReason')}</option>
            {SPECIAL_MIGRATION_REASONS.map((reason) => (
              <option key={reason.key} value={reason.key}>
                {`${labels.reasonShort(reason.key)}${rt('register.form.reasonSeparator')}${labels.reasonText(reason.key)}`}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.category === 'lawChange' && (
        <fieldset className="law-change">
          <legend className="field__label">{rt('register.form.lawChangeLegend')}</legend>
          <p className="field__hint">{rt('register.form.lawChangeHint')}</p>
          <div className="issue-form__row">
            <TextField
              type="date"
              label={rt('register.fields.lawEnforcementDate')}
              value={draft.lawEnforcementDate}
              error={errors.lawEnforcementDate}
              onChange={(event) => onChange({ lawEnforcementDate: event.target.value })}
            />
            <TextField
              type="date"
              label={rt('register.fields.specPublishedDate')}
              hint={rt('register.form.specPublishedHint')}
              value={draft.specPublishedDate}
              error={errors.specPublishedDate}
              onChange={(event) => onChange({ specPublishedDate: event.target.value })}
            />
          </div>
          <LeadTimeNotice enforcement={draft.lawEnforcementDate} specPublished={draft.specPublishedDate} />
        </fieldset>
      )}
    </>
  );
}
