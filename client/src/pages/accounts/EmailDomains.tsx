import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OrganizationUpdateBody, type Organization } from '@shared/schemas/organizations';
import { Field } from '@client/components/Field';
import { Notice } from '@client/components/Notice';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useUpdateOrganization } from '@client/queries/organizations';

const splitDomains = (text: string) => text.split(/[\s,、，]+/).filter(Boolean);

/**
 * The e-mail domains registered for an organisation: its org admins add accounts with these only
 * (docs/ARCHITECTURE.md, "Accounts and sessions"). The secretariat edits them here; an org admin
 * sees which it may use.
 */
export function EmailDomains({ organization, editable }: { organization: Organization; editable: boolean }) {
  const { t } = useTranslation();
  const domains = organization.emailDomains;

  return (
    <section className="card" aria-labelledby="email-domains-title">
      <h3 id="email-domains-title">{t('accounts.domains.title')}</h3>
      {editable ? (
        <>
          <p className="muted">{t('accounts.domains.leadSecretariat')}</p>
          <DomainsForm key={domains.join(' ')} organization={organization} />
        </>
      ) : domains.length === 0 ? (
        <Notice tone="warning">
          <p>{t('accounts.domains.noneOrgAdmin')}</p>
        </Notice>
      ) : (
        <>
          <p className="muted">{t('accounts.domains.leadOrgAdmin')}</p>
          <ul>
            {domains.map((d) => (
              <li key={d} className="break">
                @{d}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function DomainsForm({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const update = useUpdateOrganization(organization.id);
  const [text, setText] = useState(organization.emailDomains.join('\n'));
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const entered = splitDomains(text);
    const parsed = OrganizationUpdateBody.safeParse({ emailDomains: entered });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const index = issue.path[1];
      setError(typeof index === 'number' ? t('accounts.domains.invalid', { domain: entered[index] }) : t('accounts.domains.tooMany'));
      return;
    }
    setError(undefined);
    update.mutate(parsed.data, {
      onSuccess: () => setSaved(true),
      onError: (failure) => setError(errorMessage(failure)),
    });
  }

  return (
    <form className="form" onSubmit={submit} onKeyDown={preventSubmitWhileComposing} noValidate aria-busy={update.isPending || undefined}>
      <Field label={t('accounts.domains.label')} hint={t('accounts.domains.hint')} error={error}>
        {(control) => (
          <textarea className="textarea" rows={3} spellCheck={false} {...control} value={text} onChange={(e) => setText(e.target.value)} />
        )}
      </Field>
      {organization.emailDomains.length === 0 && <p className="small muted">{t('accounts.domains.none')}</p>}
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={update.isPending}>
          {update.isPending ? t('accounts.domains.saving') : t('accounts.domains.save')}
        </button>
      </div>
      <div aria-live="polite">{saved && <p className="small">{t('accounts.domains.saved')}</p>}</div>
    </form>
  );
}
