/**
 * What a kind of searchable content tells "search everywhere" (docs/SEARCH.md § Kinds). Adding a kind is one
 * module implementing `SearchSource` for its model, registered in `./registry.ts` and hooked to its schema with
 * `indexWritesIn` (../indexWrites.ts), which keeps the index in step with every write through the model.
 */
import type { Actor } from '@shared/domain';
import type { SearchKind } from '@shared/schemas/search';

/** One item of the index: key `<kind>:<id>`; its text is the title and the body. Both empty: not indexed. */
export interface IndexEntry {
  kind: SearchKind;
  id: string;
  /** The item's own title (a thread's, an issue's, a meeting's, a file's name): a hit here ranks first. */
  title: string;
  /** The rest of its text, plain (markdown reduced to its words: `plainText` in ./plainText.ts). */
  body: string;
}

/** An item as the searcher may see it now: what was indexed (to confirm the match and cut the snippet) and where it is. */
export interface FoundItem extends IndexEntry {
  /** The line under the title: the thread, the issue (number and title), the meeting it is in. */
  where: string | null;
  /** The client path that opens it. */
  href: string;
  /** Who wrote it (a person's name, or an organisation's), when that belongs to it. */
  who: string | null;
  /** When it was written or last changed. */
  at: Date;
  /** An issue's number (for an issue, its comments and answers). */
  number: string | null;
  /** Its status, in the words of its own feature (an issue's `accepted`, a meeting's `scheduled`, a thread's `open` / `resolved`). */
  status: string | null;
  /** The business areas it belongs to (the filter `area`). */
  areas: readonly string[];
  /** The organisations it belongs to or was written by (the filter `organization`). */
  organizations: readonly string[];
}

export interface SearchSource<Doc = unknown> {
  /** The kinds this model's documents give (a meeting gives `meeting`, `agenda` and `minutes`). */
  readonly kinds: readonly SearchKind[];
  /**
   * The paths of the stored document that the entries are made from (top-level names, as an update names them:
   * `title`, `body`, `agenda`, `minutes`, `deletedAt` …). An update touching none of them is not re-indexed.
   */
  readonly fields: readonly string[];
  /**
   * Every entry one stored document gives, as it now reads — one per kind in `kinds`, with empty title and body
   * where it gives none (a deleted message, a meeting without minutes yet): those are removed from the index.
   */
  entriesOf(doc: Doc): IndexEntry[];
  /** Every stored document, for a rebuild (`npm run search:rebuild`), oldest first where the order is cheap. */
  all(): AsyncIterable<Doc>;
  /**
   * The items of `kind` with these ids that `actor` may read NOW (visibility, invitation, drafts, hidden messages,
   * a deactivated reader …), by `_id` lookups; ids it does not have or the actor may not read are left out. Each
   * item's title and body are what THIS reader may see of it: usually exactly what `entriesOf` gives; where a reader
   * sees only part (a ministry sees a status report's last submission, not the draft), that part — never more than
   * was indexed. The search re-checks `matches` and cuts snippets on this text, so nothing unseen can match or show.
   */
  readable(actor: Actor, kind: SearchKind, ids: readonly string[]): Promise<FoundItem[]>;
}
