/**
 * Meetings and their live rooms. RSVPs, question supports, chat, the floor and raised hands are uniquely keyed documents;
 * in-person seats are settled by order of arrival (see rsvp.ts), never by a shared counter.
 */
import mongoose, { Schema, type HydratedDocument, type InferSchemaType, type Types } from 'mongoose';
import { SPEAKER_KINDS } from '@shared/domain';
import { MEETING_KINDS, MEETING_STATUSES, RSVP_RESPONSES } from '@shared/meetings/rules';
import { recordWritesIn } from '../db/collectionView';
import { indexWritesIn } from '../search/indexWrites';
import { personSchema } from '../users/person';

const orgRefSchema = new Schema({ id: { type: Schema.Types.ObjectId, required: true }, nameJa: String, nameEn: String }, { _id: false });

const agendaItemSchema = new Schema(
  {
    id: { type: String, required: true },
    title: { type: String, required: true },
    presenter: { type: orgRefSchema, default: null },
    minutes: { type: Number, required: true },
    issueIds: { type: [Schema.Types.ObjectId], default: [] },
    threadIds: { type: [Schema.Types.ObjectId], default: [] },
  },
  { _id: false },
);

const actionItemSchema = new Schema(
  {
    id: String,
    text: String,
    owner: { type: orgRefSchema, default: null },
    dueDate: { type: Date, default: null },
    done: { type: Boolean, default: false },
  },
  { _id: false },
);
const minutesItemSchema = new Schema(
  {
    agendaItemId: String,
    summary: { type: String, default: '' },
    decisions: {
      type: [
        new Schema(
          { text: String, issueId: { type: Schema.Types.ObjectId, default: null }, effect: { type: String, default: 'record' } },
          { _id: false },
        ),
      ],
      default: [],
    },
    actionItems: { type: [actionItemSchema], default: [] },
  },
  { _id: false },
);
const minutesSchema = new Schema(
  {
    items: { type: [minutesItemSchema], default: [] },
    circulatedAt: { type: Date, default: null },
    /** When a circulated draft last changed, resetting the confirmations given to the earlier text. */
    revisedAt: { type: Date, default: null },
    publishedAt: { type: Date, default: null },
    /** 出席者, set by the secretariat in the editor (or the proposal, at publication); absent until then. */
    attendees: { type: [orgRefSchema], default: undefined },
  },
  { _id: false },
);

const meetingSchema = new Schema(
  {
    kind: { type: String, enum: MEETING_KINDS, required: true },
    title: { type: String, required: true },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    onlineUrl: { type: String, default: null },
    venue: { type: String, default: null },
    capacity: { type: Number, default: null },
    description: { type: String, default: '' },
    status: { type: String, enum: MEETING_STATUSES, default: 'draft' },
    agenda: { type: [agendaItemSchema], default: [] },
    currentAgendaItemId: { type: String, default: null },
    extraInvitees: { type: [orgRefSchema], default: [] },
    minutes: { type: minutesSchema, default: null },
    createdBy: { type: personSchema, required: true },
  },
  { timestamps: true },
);
meetingSchema.index({ startsAt: 1 });
// The minutes archive and the action items read published meetings by status (an equality lookup).
meetingSchema.index({ status: 1, startsAt: -1 });
/** Every write to a meeting is recorded here before it resolves, for the in-memory agenda index (agendaIndex.ts). */
export const MEETINGS_LOG = 'meetings';
recordWritesIn(meetingSchema, MEETINGS_LOG);
/** What a meeting's search entries are made from (server/search/kinds/meetings.ts): a write touching none is not re-indexed. */
export const MEETING_SEARCH_FIELDS = ['title', 'description', 'venue', 'agenda', 'minutes'] as const;
indexWritesIn(meetingSchema, 'meetings', MEETING_SEARCH_FIELDS);

const rsvpSchema = new Schema({
  /** `<meetingId>:<userId>` */
  _id: { type: String, required: true },
  meetingId: { type: Schema.Types.ObjectId, required: true },
  person: { type: personSchema, required: true },
  response: { type: String, enum: RSVP_RESPONSES, required: true },
  at: { type: Date, required: true },
});
rsvpSchema.index({ meetingId: 1, response: 1, at: 1 });

const chatSchema = new Schema({
  meetingId: { type: Schema.Types.ObjectId, required: true },
  seq: { type: Number, required: true },
  clientId: { type: String, required: true },
  author: { type: personSchema, required: true },
  body: { type: String, required: true },
  at: { type: Date, required: true },
});
chatSchema.index({ meetingId: 1, seq: 1 }, { unique: true });

const questionSchema = new Schema({
  meetingId: { type: Schema.Types.ObjectId, required: true },
  clientId: { type: String, required: true },
  author: { type: personSchema, required: true },
  body: { type: String, required: true },
  status: { type: String, enum: ['open', 'current', 'answered'], default: 'open' },
  at: { type: Date, required: true },
});
questionSchema.index({ meetingId: 1, at: 1 });

const questionSupportSchema = new Schema({
  /** `<questionId>:<userId>` */
  _id: { type: String, required: true },
  questionId: { type: Schema.Types.ObjectId, required: true },
  meetingId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  at: { type: Date, required: true },
});
questionSupportSchema.index({ meetingId: 1 });

/**
 * A presenting organisation's confirmation of circulated minutes, one document per organisation
 * (`<meetingId>:<organizationId>`): organisations confirming at the same moment each write their
 * own document, so none overwrites another (docs/DATABASE.md, "No lost writes").
 */
const minutesConfirmationSchema = new Schema({
  _id: { type: String, required: true },
  meetingId: { type: Schema.Types.ObjectId, required: true },
  organization: { type: orgRefSchema, required: true },
  status: { type: String, enum: ['confirmed', 'commented'], required: true },
  comment: { type: String, default: null },
  by: { type: personSchema, required: true },
  at: { type: Date, required: true },
});
minutesConfirmationSchema.index({ meetingId: 1 });

/**
 * A person the secretariat has given the floor in the live room, one document per person
 * (`<meetingId>:<userId>`): giving inserts it, taking it back deletes it, so two secretariat members
 * acting at the same moment, or any other write to the meeting, never erase one another's change
 * (docs/DATABASE.md, "No lost writes").
 */
const floorSchema = new Schema({
  _id: { type: String, required: true },
  meetingId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  at: { type: Date, required: true },
});
floorSchema.index({ meetingId: 1 });

/** The `_id` of one person's floor in one meeting. */
export const floorKey = (meetingId: string | Types.ObjectId, userId: string | Types.ObjectId): string =>
  `${String(meetingId)}:${String(userId)}`;

/**
 * An observer's raised hand (挙手) in the live room, one document per person (`<meetingId>:<userId>`),
 * as the floor is: raising inserts it (raising again keeps the first, and its place in the queue),
 * lowering, dismissing or giving the floor deletes it, ending the meeting deletes them all. Observers
 * raising at the same moment each insert their own, so none is lost (docs/DATABASE.md, "No lost writes").
 * The person is kept as they were named when they raised it, with their organisation's kind.
 */
const handSchema = new Schema({
  _id: { type: String, required: true },
  meetingId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  person: { type: personSchema, required: true },
  kind: { type: String, enum: SPEAKER_KINDS, required: true },
  at: { type: Date, required: true },
});
handSchema.index({ meetingId: 1, at: 1 });

/** The `_id` of one person's raised hand in one meeting. */
export const handKey = floorKey;

/**
 * An organisation someone of which joined the live room while the meeting was on, one document per
 * organisation (`<meetingId>:<organizationId>`), inserted at the first join and never rewritten: the
 * room's presence itself lives only in its sockets, and this is what the minutes' 出席者 are proposed
 * from. People joining at the same moment each try the same insert; one wins, none is lost.
 */
const roomAttendanceSchema = new Schema({
  _id: { type: String, required: true },
  meetingId: { type: Schema.Types.ObjectId, required: true },
  organization: { type: orgRefSchema, required: true },
  firstJoinedAt: { type: Date, required: true },
});
roomAttendanceSchema.index({ meetingId: 1 });

/** The `_id` of one organisation's attendance of one meeting's live room. */
export const roomAttendanceKey = (meetingId: string | Types.ObjectId, organizationId: string | Types.ObjectId): string =>
  `${String(meetingId)}:${String(organizationId)}`;

/** A person's private calendar feed: only the token's SHA-256 is stored; revoking deletes it. */
const calendarTokenSchema = new Schema({
  _id: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, required: true, unique: true },
  createdAt: { type: Date, required: true },
});

export type MeetingRecord = InferSchemaType<typeof meetingSchema>;
export type MeetingDocument = HydratedDocument<MeetingRecord>;
export type QuestionDocument = HydratedDocument<InferSchemaType<typeof questionSchema>>;
export type MinutesConfirmationRecord = InferSchemaType<typeof minutesConfirmationSchema>;
export type ChatDocument = HydratedDocument<InferSchemaType<typeof chatSchema>>;
export type HandRecord = InferSchemaType<typeof handSchema>;

export const MeetingModel = mongoose.model('Meeting', meetingSchema);
export const RsvpModel = mongoose.model('MeetingRsvp', rsvpSchema);
export const ChatModel = mongoose.model('MeetingChat', chatSchema);
export const QuestionModel = mongoose.model('MeetingQuestion', questionSchema);
export const QuestionSupportModel = mongoose.model('MeetingQuestionSupport', questionSupportSchema);
export const MinutesConfirmationModel = mongoose.model('MinutesConfirmation', minutesConfirmationSchema, 'minutes_confirmations');
export const MeetingFloorModel = mongoose.model('MeetingFloor', floorSchema, 'meeting_floor');
export const MeetingHandModel = mongoose.model('MeetingHand', handSchema, 'meeting_hands');
export const RoomAttendanceModel = mongoose.model('MeetingRoomAttendance', roomAttendanceSchema, 'meeting_room_attendance');
export const CalendarTokenModel = mongoose.model('CalendarToken', calendarTokenSchema);
