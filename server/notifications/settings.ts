/**
 * Each person's notification settings: one document per person (`_id` = the user's id, collection
 * `notification_settings`), replaced field by field by its owner only. Without a document, every
 * kind has its default (shared/notifications/kinds.ts) and e-mail is in Japanese.
 */
import mongoose, { Schema } from 'mongoose';
import {
  DEFAULT_DELIVERY,
  DELIVERIES,
  NOTIFICATION_KINDS,
  canTurnOff,
  type Delivery,
  type NotificationKind,
} from '@shared/notifications/kinds';
import type { NotificationSettings, NotificationSettingsBody } from '@shared/schemas/notifications';
import { badRequest } from '../http/errors';

export interface SettingsRecord {
  _id: string;
  /** By kind, stored under `keyOf(kind)`. */
  deliveries: Record<string, Delivery | null | undefined>;
  language: 'ja' | 'en';
  at: Date;
}

/** A kind's key in storage: a dot would make a nested path (`thread.reply` → `thread: { reply }`). */
const keyOf = (kind: NotificationKind) => kind.replace('.', '_');
const deliveriesShape = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [keyOf(kind), { type: String, enum: DELIVERIES }]));
const schema = new Schema<SettingsRecord>(
  {
    _id: { type: String, required: true },
    deliveries: { type: new Schema(deliveriesShape, { _id: false }), default: () => ({}) },
    language: { type: String, enum: ['ja', 'en'], default: 'ja' },
    at: { type: Date, required: true },
  },
  { minimize: false },
);
export const NotificationSettingsModel = mongoose.model<SettingsRecord>('NotificationSettings', schema, 'notification_settings');

export interface PersonSettings {
  deliveries: Partial<Record<NotificationKind, Delivery>>;
  language: 'ja' | 'en';
}
const DEFAULTS: PersonSettings = { deliveries: {}, language: 'ja' };

/** The settings of many people at once: one `_id` `$in` (absent people get the defaults). */
export async function settingsOf(userIds: readonly string[]): Promise<Map<string, PersonSettings>> {
  const out = new Map<string, PersonSettings>();
  if (userIds.length === 0) return out;
  const rows = await NotificationSettingsModel.find({ _id: mongoose.trusted({ $in: userIds }) }).lean<SettingsRecord[]>();
  for (const row of rows) out.set(row._id, { deliveries: stripNulls(row.deliveries), language: row.language ?? 'ja' });
  for (const id of userIds) if (!out.has(id)) out.set(id, DEFAULTS);
  return out;
}

export async function settingsFor(userId: string): Promise<PersonSettings> {
  return (await settingsOf([userId])).get(userId)!;
}

export function presentSettings(settings: PersonSettings, email: string): NotificationSettings {
  const deliveries = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, settings.deliveries[kind] ?? DEFAULT_DELIVERY[kind]]));
  return { deliveries: deliveries as NotificationSettings['deliveries'], language: settings.language, email };
}

/** The owner's change: the kinds named are set, the others kept. */
export async function updateSettings(userId: string, body: NotificationSettingsBody): Promise<PersonSettings> {
  for (const [kind, delivery] of Object.entries(body.deliveries ?? {}) as [NotificationKind, Delivery][]) {
    if (delivery === 'off' && !canTurnOff(kind))
      throw badRequest(`body.deliveries.${kind}: mentions cannot be turned off`, `body.deliveries.${kind}`);
  }
  const set: Record<string, unknown> = { at: new Date() };
  for (const [kind, delivery] of Object.entries(body.deliveries ?? {})) set[`deliveries.${keyOf(kind as NotificationKind)}`] = delivery;
  if (body.language) set.language = body.language;
  await NotificationSettingsModel.updateOne({ _id: userId }, { $set: set }, { upsert: true });
  return settingsFor(userId);
}

/** One kind's delivery (the e-mail's one-click unsubscribe sets `inbox`). */
export async function setDelivery(userId: string, kind: NotificationKind, delivery: Delivery): Promise<void> {
  await updateSettings(userId, { deliveries: { [kind]: delivery } });
}

function stripNulls(stored: Record<string, string | null | undefined> | undefined): PersonSettings['deliveries'] {
  const out: PersonSettings['deliveries'] = {};
  for (const kind of NOTIFICATION_KINDS) {
    const delivery = stored?.[keyOf(kind)];
    if (delivery) out[kind] = delivery as Delivery;
  }
  return out;
}
