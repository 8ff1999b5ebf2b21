/** Registers every mongoose model, so the connection can create their indexes at start. */
export { OrganizationModel } from './organizations/model';
export { UserModel } from './users/model';
export { AttachmentModel, AttachmentThumbnailModel } from './attachments/model';
export { MessageModel, MessageVersionModel, ModerationActionModel, ReactionModel, ReadCursorModel, ThreadModel } from './threads/model';
export { IssueCommentModel, IssueHistoryModel, IssueLinkModel, IssueModel, IssueSupportModel } from './issues/model';
export { CalendarTokenModel, ChatModel, MeetingModel, QuestionModel, QuestionSupportModel, RsvpModel } from './meetings/model';
export { AuditEntryModel } from './audit/model';
export { InboxStateModel, NotificationModel } from './notifications/model';
export { NotificationSettingsModel } from './notifications/settings';
export { DigestItemModel, MailClaimModel, OutboxModel } from './mail/model';
