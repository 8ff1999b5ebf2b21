import { Link } from 'react-router';

interface Props<T extends string> {
  tabs: readonly T[];
  current: T;
  /** The query string (`?view=…`) of each tab. */
  searchFor: (tab: T) => string;
  labelFor: (tab: T) => string;
  /** The navigation's accessible name. */
  label: string;
  className?: string;
}

/** Views of one list as links, so each has its own address (bookmarks, the back button); the current one is marked. */
export function TabLinks<T extends string>({ tabs, current, searchFor, labelFor, label, className }: Props<T>) {
  return (
    <nav className={className ? `tabs ${className}` : 'tabs'} aria-label={label}>
      {tabs.map((tab) => (
        <Link
          key={tab}
          to={{ search: searchFor(tab) }}
          className={tab === current ? 'tabs__link tabs__link--current' : 'tabs__link'}
          aria-current={tab === current ? 'page' : undefined}
        >
          {labelFor(tab)}
        </Link>
      ))}
    </nav>
  );
}
