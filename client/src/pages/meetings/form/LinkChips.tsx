import { useMeetingsT } from '../useMeetingsT';

interface Props {
  label: string;
  items: ReadonlyArray<{ id: string; text: string }>;
  onRemove: (id: string) => void;
}

/** The issues or threads linked to an agenda item, each removable by its own labelled button. */
export function LinkChips({ label, items, onRemove }: Props) {
  const mt = useMeetingsT();
  if (items.length === 0) return null;
  return (
    <ul className="link-chips" aria-label={label}>
      {items.map((item) => (
        <li key={item.id} className="link-chips__item">
          <span>{item.text}</span>
          <button
            type="button"
            className="link-chips__remove"
            aria-label={mt('meetings.pickers.remove', { name: item.text })}
            onClick={() => onRemove(item.id)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
