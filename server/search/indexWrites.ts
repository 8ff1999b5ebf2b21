/**
 * Keep the search index in step with every write through a model (docs/SEARCH.md § In the write path): a mongoose
 * plugin, like `recordWritesIn` (server/db/collectionView.ts), whose hooks resolve before the write does.
 *
 * - a document saved new, or with a field of its source's `fields` changed, is indexed as it now reads;
 * - an update or replace whose update names one of those fields: its documents (by the `_id` of the filter, or
 *   found by the filter before the write) are read again by `_id` after it and indexed;
 * - a delete takes its documents' entries out.
 *
 * Updates that change nothing searched (a thread's last activity, a message's reply count) cost nothing here.
 * The source is looked up by name when a hook runs (./kinds/registry.ts), so models do not import search.
 */
import mongoose, { type Query, type Schema } from 'mongoose';
import { idsOfFilter } from '../db/collectionView';
import { log } from '../log';
import { applyEntries, removeItems } from './store';
import type { SearchSource } from './kinds/types';

export type SearchSourceName =
  'threads' | 'messages' | 'issues' | 'issueComments' | 'meetings' | 'announcements' | 'statusReports' | 'organizations' | 'attachments';

async function sourceNamed(name: SearchSourceName): Promise<SearchSource> {
  const { searchSources } = await import('./kinds/registry');
  return searchSources[name] as SearchSource;
}

/** The top-level paths an update names (`$set: { 'minutes.items': … }` names `minutes`); null: any (a pipeline). */
export function pathsOfUpdate(update: unknown): Set<string> | null {
  if (update == null) return new Set();
  if (Array.isArray(update)) return null;
  const paths = new Set<string>();
  for (const [op, value] of Object.entries(update as Record<string, unknown>)) {
    if (op.startsWith('$')) {
      if (value && typeof value === 'object') for (const path of Object.keys(value)) paths.add(path.split('.')[0]!);
    } else paths.add(op.split('.')[0]!);
  }
  return paths;
}

const touched = new WeakMap<object, string[]>();

type AnyQuery = Query<unknown, unknown>;

async function idsOf(query: AnyQuery): Promise<string[]> {
  const filter = query.getFilter() as Record<string, unknown>;
  const ids = idsOfFilter(filter);
  if (ids) return ids;
  const found = await query.model.find(filter, { _id: 1 }).lean();
  return found.map((d) => String((d as { _id: unknown })._id));
}

export function indexWritesIn(schema: Schema, sourceName: SearchSourceName, fields: readonly string[]): void {
  const searched = new Set(fields);

  schema.pre('save', function (this: mongoose.Document) {
    this.$locals.searchDirty = this.isNew || fields.some((f) => this.isModified(f));
  });
  schema.post('save', async function (this: mongoose.Document) {
    if (!this.$locals.searchDirty) return;
    this.$locals.searchDirty = false;
    await applyEntries((await sourceNamed(sourceName)).entriesOf(this));
  });
  schema.post('insertMany', async function (docs: unknown) {
    const source = await sourceNamed(sourceName);
    await applyEntries((docs as unknown[]).flatMap((d) => source.entriesOf(d)));
  });

  const updates: Array<'updateOne' | 'updateMany' | 'findOneAndUpdate' | 'replaceOne'> = [
    'updateOne',
    'updateMany',
    'findOneAndUpdate',
    'replaceOne',
  ];
  schema.pre(updates, { document: false, query: true }, async function (this: AnyQuery) {
    const isReplace = (this as unknown as { op?: string }).op === 'replaceOne';
    const paths = isReplace ? null : pathsOfUpdate(this.getUpdate());
    if (paths && ![...paths].some((p) => searched.has(p))) return;
    touched.set(this, await idsOf(this));
  });
  schema.post(updates, { document: false, query: true }, async function (this: AnyQuery) {
    const ids = touched.get(this);
    if (!ids || ids.length === 0) return;
    touched.delete(this);
    // The write is stored: a failure from here on is logged (store.ts), never the request's.
    try {
      const source = await sourceNamed(sourceName);
      const docs = await this.model.find({ _id: mongoose.trusted({ $in: ids }) });
      await applyEntries(docs.flatMap((d) => source.entriesOf(d)));
      const found = new Set(docs.map((d) => String(d._id)));
      const gone = ids.filter((id) => !found.has(id));
      if (gone.length > 0) await removeItems(source.kinds, gone);
    } catch (err) {
      log.error({ err, ids: ids.slice(0, 5) }, 'search index: could not read written documents again; `npm run search:rebuild` repairs it');
    }
  });

  const deletes: Array<'deleteOne' | 'deleteMany' | 'findOneAndDelete'> = ['deleteOne', 'deleteMany', 'findOneAndDelete'];
  schema.pre(deletes, { document: false, query: true }, async function (this: AnyQuery) {
    touched.set(this, await idsOf(this));
  });
  schema.post(deletes, { document: false, query: true }, async function (this: AnyQuery) {
    const ids = touched.get(this);
    if (!ids || ids.length === 0) return;
    touched.delete(this);
    await removeItems((await sourceNamed(sourceName)).kinds, ids);
  });
}
