import { useState, type FormEvent } from 'react';
import { ErrorState } from '@client/components/ErrorState';
import { FormAlert } from '@client/components/FormAlert';
import { LoadingState } from '@client/components/LoadingState';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useReporters, useSetReporters } from '@client/queries/statusReports';
import { useOrganizationUsers } from '@client/queries/users';
import { useStatusT } from './useStatusT';

/**
 * 報告を提出できるメンバー: an org admin chooses which members may submit the organisation's reports
 * (the org admins always may; every member may write drafts).
 */
export function ReportersSection({ organizationId }: { organizationId: string }) {
  const st = useStatusT();
  const reporters = useReporters(organizationId);
  const users = useOrganizationUsers(organizationId);

  return (
    <section className="section status-reporters" aria-labelledby="status-reporters-title">
      <h2 id="status-reporters-title">{st('status.reporters.title')}</h2>
      <p className="muted">{st('status.reporters.lead')}</p>
      {reporters.isPending || users.isPending ? (
        <LoadingState />
      ) : reporters.isError || users.isError ? (
        <ErrorState
          error={reporters.error ?? users.error}
          onRetry={() => {
            void reporters.refetch();
            void users.refetch();
          }}
        />
      ) : (
        <ReportersForm
          organizationId={organizationId}
          chosen={reporters.data.reporters.map((r) => r.id)}
          members={users.data.users.filter((u) => u.active)}
        />
      )}
    </section>
  );
}

function ReportersForm({
  organizationId,
  chosen,
  members,
}: {
  organizationId: string;
  chosen: string[];
  members: { id: string; displayName: string; email: string; role: string }[];
}) {
  const st = useStatusT();
  const errorMessage = useErrorMessage();
  const save = useSetReporters(organizationId);
  const [selected, setSelected] = useState(() => new Set(chosen));
  const [done, setDone] = useState<string | null>(null);
  const admins = members.filter((m) => m.role === 'orgAdmin');
  const others = members.filter((m) => m.role !== 'orgAdmin');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    try {
      await save.mutateAsync(others.filter((m) => selected.has(m.id)).map((m) => m.id));
      setDone(st('status.reporters.saved'));
    } catch {
      // Shown by the alert below.
    }
  }

  return (
    <form className="form status-reporters__form" noValidate onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend className="field__label">{st('status.reporters.legend')}</legend>
        {others.length === 0 ? (
          <p className="muted">{st('status.reporters.noMembers')}</p>
        ) : (
          <div className="status-reporters__list">
            {others.map((member) => (
              <label key={member.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={selected.has(member.id)}
                  onChange={(event) => {
                    const next = new Set(selected);
                    if (event.target.checked) next.add(member.id);
                    else next.delete(member.id);
                    setSelected(next);
                    setDone(null);
                  }}
                />
                <span>
                  <span data-user-content>{member.displayName}</span> <span className="muted small">{member.email}</span>
                </span>
              </label>
            ))}
          </div>
        )}
      </fieldset>
      {admins.length > 0 && (
        <p className="small muted">
          {st('status.reporters.admins', { names: admins.map((a) => a.displayName).join(st('status.common.listJoiner')) })}
        </p>
      )}
      <FormAlert message={save.isError ? errorMessage(save.error) : null} />
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={save.isPending} aria-busy={save.isPending || undefined}>
          {st('status.reporters.save')}
        </button>
        <p role="status" className="status-reporters__done">
          {done}
        </p>
      </div>
    </form>
  );
}
