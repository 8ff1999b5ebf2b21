import { useRegisterT } from '../useRegisterT';
import { OPTIONAL_COLUMNS, useColumnLabels, type OptionalColumn } from './registerColumns';

/** 表示する列: which optional columns the table shows (a disclosure of checkboxes; hidden on phones, which show cards). */
export function ColumnChooser({ shown, toggle }: { shown: ReadonlySet<OptionalColumn>; toggle: (column: OptionalColumn) => void }) {
  const rt = useRegisterT();
  const label = useColumnLabels();
  return (
    <details className="column-chooser">
      <summary className="button button--tertiary">{rt('register.list.columns')}</summary>
      <fieldset className="column-chooser__panel">
        <legend className="visually-hidden">{rt('register.list.columns')}</legend>
        {OPTIONAL_COLUMNS.map((column) => (
          <label key={column} className="checkbox">
            <input type="checkbox" checked={shown.has(column)} onChange={() => toggle(column)} />
            <span>{label(column)}</span>
          </label>
        ))}
      </fieldset>
    </details>
  );
}
