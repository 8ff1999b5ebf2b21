/**
 * A person as they were named when they did something (wrote, raised, answered): stored beside the
 * record so lists need no lookups, and presented the same way everywhere.
 */
import { Schema, type InferSchemaType } from 'mongoose';
import { speakerKindOf, type SpeakerKind } from '@shared/domain';
import type { Person, RoomPerson } from '@shared/schemas/threads';
import type { ActingUser } from './model';

/** Who wrote something, as they were named when they wrote it (saves a lookup per message). */
export const personSchema = new Schema(
  {
    id: { type: Schema.Types.ObjectId, required: true },
    displayName: { type: String, required: true },
    organization: {
      type: new Schema(
        {
          id: { type: Schema.Types.ObjectId, required: true },
          nameJa: { type: String, required: true },
          nameEn: { type: String, required: true },
        },
        { _id: false },
      ),
      required: true,
    },
  },
  { _id: false },
);

export type PersonRecord = InferSchemaType<typeof personSchema>;

export function personOf(user: ActingUser): PersonRecord {
  return {
    id: user._id,
    displayName: user.displayName,
    organization: { id: user.organization._id, nameJa: user.organization.nameJa, nameEn: user.organization.nameEn },
  } as PersonRecord;
}

export function presentPerson(p: PersonRecord): Person {
  return {
    id: String(p.id),
    displayName: p.displayName,
    organization: { id: String(p.organization.id), nameJa: p.organization.nameJa, nameEn: p.organization.nameEn },
  };
}

/** A person as live rooms show them: with their organisation's kind (null: an organisation no longer known). */
export function presentRoomPerson(p: PersonRecord, kind: SpeakerKind | null): RoomPerson {
  return { ...presentPerson(p), kind };
}

/** The acting person as live rooms show them. */
export const roomPersonOf = (user: ActingUser): RoomPerson => presentRoomPerson(personOf(user), speakerKindOf(user.organization));
