/**
 * 保存したビュー: a person's named register views. One document per view, `_id` `<userId>:<slot>` for
 * slot 0..19 (collection `register_views`): creating takes the first free slot by a unique-key insert
 * (the one write every engine serialises, so N creates at once store at most 20), and a person's views
 * are read with one `_id` `$in` of their 20 possible keys — never a scan by `userId`.
 */
import mongoose, { Schema, trusted, Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import { SAVED_VIEW_LIMIT, type SavedView, type SavedViewList } from '@shared/schemas/savedViews';
import { isDuplicateKey } from '../db/keys';
import { authorize } from '../http/authorize';
import { conflict, notFound } from '../http/errors';

const savedViewSchema = new Schema(
  {
    /** `<userId>:<slot>` */
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    /** The register URL's query string, in its one spelling (shared/register/viewQuery.ts). */
    query: { type: String, default: '' },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
export const SavedViewModel = mongoose.model('SavedView', savedViewSchema, 'register_views');
type SavedViewRow = { _id: string; name: string; query: string; createdAt: Date; updatedAt: Date };

const SLOTS = Array.from({ length: SAVED_VIEW_LIMIT }, (_, slot) => slot);
const viewId = (userId: string, slot: number) => `${userId}:${slot}`;
/** Another person's view is not found, as if it did not exist. */
const isOwn = (actor: Actor, id: string) => id.startsWith(`${actor.id}:`);

function presentSavedView(v: SavedViewRow): SavedView {
  return { id: v._id, name: v.name, query: v.query ?? '', createdAt: v.createdAt.toISOString(), updatedAt: v.updatedAt.toISOString() };
}

async function storedViews(actor: Actor): Promise<SavedViewRow[]> {
  const ids = SLOTS.map((slot) => viewId(actor.id, slot));
  return SavedViewModel.find({ _id: trusted({ $in: ids }) }).lean<SavedViewRow[]>();
}

function refuseTakenName(views: SavedViewRow[], name: string, except?: string) {
  if (views.some((v) => v._id !== except && v.name === name)) throw conflict(`a saved view is already named “${name}”`, 'body.name');
}

/** My saved views, oldest first. */
export async function listSavedViews(actor: Actor): Promise<SavedViewList> {
  authorize(actor, 'issue.read');
  const views = await storedViews(actor);
  views.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a._id.localeCompare(b._id));
  return { views: views.map(presentSavedView), limit: SAVED_VIEW_LIMIT };
}

/** Save a view in my first free slot; with all 20 taken, 409. */
export async function createSavedView(actor: Actor, input: { name: string; query: string }): Promise<SavedView> {
  authorize(actor, 'issue.read');
  const views = await storedViews(actor);
  refuseTakenName(views, input.name);
  const taken = new Set(views.map((v) => v._id));
  const now = new Date();
  for (const slot of SLOTS) {
    const _id = viewId(actor.id, slot);
    if (taken.has(_id)) continue;
    const row = { _id, userId: new Types.ObjectId(actor.id), name: input.name, query: input.query, createdAt: now, updatedAt: now };
    try {
      // A unique insert: two saves at once cannot both take one slot; the loser tries the next.
      await SavedViewModel.collection.insertOne(row as never);
      return presentSavedView(row);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw conflict(`you have ${SAVED_VIEW_LIMIT} saved views, the most one person may keep: delete one first`);
}

export async function updateSavedView(actor: Actor, id: string, change: { name?: string; query?: string }): Promise<SavedView> {
  authorize(actor, 'issue.read');
  if (!isOwn(actor, id)) throw notFound('saved view');
  if (change.name !== undefined) refuseTakenName(await storedViews(actor), change.name, id);
  const set: Record<string, unknown> = { updatedAt: new Date() };
  if (change.name !== undefined) set.name = change.name;
  if (change.query !== undefined) set.query = change.query;
  const updated = await SavedViewModel.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' }).lean<SavedViewRow>();
  if (!updated) throw notFound('saved view');
  return presentSavedView(updated);
}

export async function deleteSavedView(actor: Actor, id: string): Promise<void> {
  authorize(actor, 'issue.read');
  if (!isOwn(actor, id)) throw notFound('saved view');
  const { deletedCount } = await SavedViewModel.deleteOne({ _id: id });
  if (deletedCount === 0) throw notFound('saved view');
}
