import { useState } from 'react';
import { Link } from 'react-router';
import { registerQueryString } from '@shared/register/viewQuery';
import { SAVED_VIEW_LIMIT, type SavedView } from '@shared/schemas/savedViews';
import { isApiError } from '@client/api';
import { ConfirmDialog } from '@client/components/ConfirmDialog';
import { useErrorMessage } from '@client/components/useErrorMessage';
import type { IssueListParams } from '@client/queries/issues';
import { useCreateSavedView, useDeleteSavedView, useSavedViews, useUpdateSavedView } from '@client/queries/savedViews';
import { useRegisterT } from '../../useRegisterT';
import { ViewNameForm } from './ViewNameForm';

/**
 * 保存したビュー: one's own named register views (at most 20). A view is a link to its URL; the current
 * filters and order are saved under a name asked inline; each view is renamed inline or deleted after a confirmation.
 */
export function SavedViews({ view }: { view: IssueListParams }) {
  const rt = useRegisterT();
  const errorMessage = useErrorMessage();
  const saved = useSavedViews();
  const create = useCreateSavedView();
  const rename = useUpdateSavedView();
  const remove = useDeleteSavedView();
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<SavedView | null>(null);
  const [said, setSaid] = useState<{ tone: 'done' | 'error'; text: string } | null>(null);
  // What the page shows, as a view is stored (without the page number).
  const current = registerQueryString({ ...view, page: 1 });
  const views = saved.data?.views ?? [];
  const limit = saved.data?.limit ?? SAVED_VIEW_LIMIT;

  /** A refusal as the form says it: the name taken, or no room left; anything else as the app says errors. */
  const refusal = (failure: unknown) =>
    isApiError(failure) && failure.code === 'conflict'
      ? failure.field === 'body.name'
        ? rt('register.savedViews.nameTaken')
        : rt('register.savedViews.full', { limit })
      : errorMessage(failure);

  async function saveCurrent(name: string) {
    try {
      await create.mutateAsync({ name, query: current });
      setAdding(false);
      setSaid({ tone: 'done', text: rt('register.savedViews.saved', { name }) });
      return null;
    } catch (failure) {
      return refusal(failure);
    }
  }

  async function renameView(id: string, name: string) {
    try {
      await rename.mutateAsync({ id, change: { name } });
      setRenaming(null);
      setSaid({ tone: 'done', text: rt('register.savedViews.renamed', { name }) });
      return null;
    } catch (failure) {
      return refusal(failure);
    }
  }

  function deleteView(target: SavedView) {
    remove.mutate(target.id, {
      onSuccess: () => setSaid({ tone: 'done', text: rt('register.savedViews.deleted', { name: target.name }) }),
      onError: (failure) => setSaid({ tone: 'error', text: errorMessage(failure) }),
      onSettled: () => setDeleting(null),
    });
  }

  return (
    <>
      <details className="saved-views">
        <summary className="button button--secondary button--small">{rt('register.savedViews.summary', { n: views.length })}</summary>
        <section className="saved-views__panel" aria-label={rt('register.savedViews.title')}>
          {saved.isError ? (
            <p className="field__error">{errorMessage(saved.error)}</p>
          ) : views.length === 0 ? (
            <p className="muted">{rt('register.savedViews.none')}</p>
          ) : (
            <ul className="saved-views__list">
              {views.map((v) => (
                <li key={v.id} className="saved-views__item">
                  {renaming === v.id ? (
                    <ViewNameForm
                      label={rt('register.savedViews.renameLabel', { name: v.name })}
                      initial={v.name}
                      busy={rename.isPending}
                      onSave={(name) => renameView(v.id, name)}
                      onCancel={() => setRenaming(null)}
                    />
                  ) : (
                    <>
                      <Link
                        className="saved-views__link"
                        to={{ search: v.query ? `?${v.query}` : '' }}
                        aria-current={v.query === current ? 'page' : undefined}
                      >
                        {v.name}
                      </Link>
                      {v.query === current && <span className="saved-views__current">{rt('register.savedViews.current')}</span>}
                      <span className="saved-views__actions">
                        <button
                          type="button"
                          className="button button--tertiary button--small"
                          aria-label={rt('register.savedViews.renameLabel', { name: v.name })}
                          onClick={() => setRenaming(v.id)}
                        >
                          {rt('register.savedViews.rename')}
                        </button>
                        <button
                          type="button"
                          className="button button--tertiary button--small"
                          aria-label={rt('register.savedViews.deleteLabel', { name: v.name })}
                          onClick={() => setDeleting(v)}
                        >
                          {rt('register.savedViews.delete')}
                        </button>
                      </span>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          {adding ? (
            <ViewNameForm
              label={rt('register.savedViews.name')}
              initial=""
              busy={create.isPending}
              onSave={saveCurrent}
              onCancel={() => setAdding(false)}
            />
          ) : (
            <p className="saved-views__add">
              <button type="button" className="button button--secondary button--small" onClick={() => setAdding(true)}>
                {rt('register.savedViews.saveCurrent')}
              </button>
              <span className="muted">{rt('register.savedViews.limit', { n: views.length, limit })}</span>
            </p>
          )}
          <div aria-live="polite">{said && <p className={said.tone === 'error' ? 'field__error' : 'transition__done'}>{said.text}</p>}</div>
        </section>
      </details>
      <ConfirmDialog
        open={deleting !== null}
        title={rt('register.savedViews.deleteTitle')}
        body={rt('register.savedViews.deleteBody', { name: deleting?.name ?? '' })}
        confirmLabel={rt('register.savedViews.delete')}
        tone="danger"
        busy={remove.isPending}
        onConfirm={() => deleting && deleteView(deleting)}
        onCancel={() => setDeleting(null)}
      />
    </>
  );
}
