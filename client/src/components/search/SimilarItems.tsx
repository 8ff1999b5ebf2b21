import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSimilarItems, type SimilarKind } from '@client/queries/search';
import { useDebouncedValue } from '../useDebouncedValue';
import { DateTimeText } from '../DateTimeText';
import { Highlighted } from './Highlighted';
import { useStatusLabel } from './statuses';
import './search.css';

/** How long typing a title must pause before similar items are asked. */
const SIMILAR_DELAY_MS = 400;

interface Props {
  kind: SimilarKind;
  /** The title as committed (useCommittedText): never the kana of a conversion still open. */
  title: string;
}

/**
 * Duplicate hints under a new issue's or thread's title: up to five existing ones like it, once typing pauses,
 * so members can support an issue already raised instead of a copy. A polite live region, empty (and not shown)
 * while there is nothing to say.
 */
export function SimilarItems({ kind, title }: Props) {
  const { t } = useTranslation();
  const statusLabel = useStatusLabel();
  const asked = useDebouncedValue(title.trim(), SIMILAR_DELAY_MS);
  const similar = useSimilarItems(kind, asked);
  const results = (asked.length >= 2 && similar.data?.results) || [];

  return (
    <div className="similar-items" aria-live="polite">
      {results.length > 0 && (
        <>
          <p className="similar-items__title">{t(`search.similar.${kind}`)}</p>
          <p className="similar-items__hint">{t(`search.similar.${kind}Hint`)}</p>
          <ul className="similar-items__list">
            {results.map((result) => (
              <li key={result.id}>
                <Link to={result.href} data-user-content>
                  {result.number && <span className="numeric">{result.number} </span>}
                  <Highlighted text={result.title} ranges={result.titleHighlights} />
                </Link>
                <span className="similar-items__meta">
                  {result.status && <span>{statusLabel(result.kind, result.status)}</span>} <DateTimeText iso={result.at} dateOnly />
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
