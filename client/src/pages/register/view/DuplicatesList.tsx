import { Link } from 'react-router';
import type { IssueDetail } from '@shared/schemas/issues';
import { useRegisterT } from '../useRegisterT';

/** The issues merged into this one as 重複 (their supporters were moved here). */
export function DuplicatesList({ duplicates }: { duplicates: IssueDetail['duplicates'] }) {
  const rt = useRegisterT();
  if (duplicates.length === 0) return null;
  return (
    <section className="side-panel" aria-labelledby="duplicates-title">
      <h2 id="duplicates-title" className="side-panel__title">
        {rt('register.duplicates.title')}
      </h2>
      <ul className="link-list">
        {duplicates.map((duplicate) => (
          <li key={duplicate.id} className="link-list__item">
            <Link to={`/register/${duplicate.id}`}>
              <span className="numeric">{duplicate.number}</span> <span data-user-content>{duplicate.title}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
