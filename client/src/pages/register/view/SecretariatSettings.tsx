import { useState, type FormEvent } from 'react';
import { IssueUpdateBody, type Issue } from '@shared/schemas/issues';
import { PRIORITIES, responsibleMinistry, type Priority } from '@shared/register/rules';
import { MINISTRY_KEYS, type MinistryKey } from '@shared/reference/council';
import { Field } from '@client/components/Field';
import { TextField } from '@client/components/TextField';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useUpdateIssue } from '@client/queries/issues';
import { useRegisterLabels } from '../common/labels';
import { useRegisterT } from '../useRegisterT';
import { AssigneeSelect } from './AssigneeSelect';

interface Settings {
  priority: Priority | '';
  /** '' = the ministry derived from the business areas. */
  ministry: MinistryKey | '';
  dueDate: string;
  /** 担当者: a member's id, '' = none. */
  assignee: string;
}

const settingsOf = (issue: Issue): Settings => ({
  priority: issue.priority ?? '',
  ministry: issue.ministryOverridden && issue.ministry ? issue.ministry : '',
  dueDate: issue.dueDate ?? '',
  assignee: issue.assignee?.id ?? '',
});

/** What only the secretariat sets: priority, the ministry (overriding the derived one), the due date, the 担当者. */
export function SecretariatSettings({ issue }: { issue: Issue }) {
  const rt = useRegisterT();
  const [message, setMessage] = useState<Message | null>(null);
  // The form starts again from the stored values whenever they change (our save, or another
  // secretariat member's, live); the message lives out here so it survives that.
  const stored = settingsOf(issue);
  return (
    <section className="side-panel" aria-labelledby="settings-title">
      <h2 id="settings-title" className="side-panel__title">
        {rt('register.settings.title')}
      </h2>
      <SettingsForm key={JSON.stringify(stored)} issue={issue} stored={stored} onMessage={setMessage} />
      <div aria-live="polite">
        {message && <p className={message.tone === 'error' ? 'field__error' : 'transition__done'}>{message.text}</p>}
      </div>
    </section>
  );
}

interface Message {
  tone: 'error' | 'done';
  text: string;
}

function SettingsForm({ issue, stored, onMessage }: { issue: Issue; stored: Settings; onMessage: (message: Message | null) => void }) {
  const rt = useRegisterT();
  const labels = useRegisterLabels();
  const errorMessage = useErrorMessage();
  const update = useUpdateIssue(issue.id);
  const [settings, setSettings] = useState<Settings>(stored);
  const derived = responsibleMinistry(issue.businessAreas);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const change: Record<string, unknown> = {};
    if (settings.priority !== stored.priority) change.priority = settings.priority || null;
    if (settings.ministry !== stored.ministry) change.ministry = settings.ministry || null;
    if (settings.dueDate !== stored.dueDate) change.dueDate = settings.dueDate || null;
    if (settings.assignee !== stored.assignee) change.assignee = settings.assignee || null;
    if (Object.keys(change).length === 0) return onMessage({ tone: 'done', text: rt('register.settings.unchanged') });
    const parsed = IssueUpdateBody.safeParse(change);
    if (!parsed.success) return onMessage({ tone: 'error', text: rt('register.form.invalidDate') });
    onMessage(null);
    // The saved issue remounts this form (its key is the stored values), and a remounted form's
    // mutate() callbacks never run: the promise still settles, so the message is said from it.
    update.mutateAsync(parsed.data).then(
      () => onMessage({ tone: 'done', text: rt('register.settings.saved') }),
      (failure: unknown) => onMessage({ tone: 'error', text: errorMessage(failure) }),
    );
  }

  return (
    <form className="form form--compact" noValidate onSubmit={submit}>
      <Field label={rt('register.fields.priority')}>
        {(control) => (
          <select
            className="select"
            {...control}
            value={settings.priority}
            onChange={(event) => setSettings({ ...settings, priority: PRIORITIES.find((p) => p === event.target.value) ?? '' })}
          >
            <option value="">{rt('register.common.notSet')}</option>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {labels.priority(priority)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={rt('register.fields.ministry')} hint={rt('register.settings.ministryHint')}>
        {(control) => (
          <select
            className="select"
            {...control}
            value={settings.ministry}
            onChange={(event) => setSettings({ ...settings, ministry: MINISTRY_KEYS.find((m) => m === event.target.value) ?? '' })}
          >
            <option value="">
              {derived
                ? rt('register.settings.ministryDerived', { ministry: labels.ministry(derived) })
                : rt('register.settings.ministryDerivedNone')}
            </option>
            {MINISTRY_KEYS.map((ministry) => (
              <option key={ministry} value={ministry}>
                {labels.ministry(ministry)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField
        type="date"
        label={rt('register.fields.dueDate')}
        value={settings.dueDate}
        onChange={(event) => setSettings({ ...settings, dueDate: event.target.value })}
      />
      <AssigneeSelect issue={issue} value={settings.assignee} onChange={(assignee) => setSettings({ ...settings, assignee })} />
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary button--small"
          disabled={update.isPending}
          aria-busy={update.isPending || undefined}
        >
          {update.isPending ? rt('register.settings.saving') : rt('register.settings.save')}
        </button>
      </div>
    </form>
  );
}
