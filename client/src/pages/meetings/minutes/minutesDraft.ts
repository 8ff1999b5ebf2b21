/**
 * The minutes editor's state per agenda item, as the inputs hold it, and the MinutesBody the
 * shared schema checks. Every agenda item gets an entry, written or not. The 出席者 are a list of
 * candidates (proposed, saved or added), each ticked or not.
 */
import type { IssueRef } from '@shared/schemas/issues';
import type { AttendeeProposal, Meeting, MinutesBody } from '@shared/schemas/meetings';
import type { OrganizationRef } from '@client/components/OrgRefName';

export type DecisionEffect = 'record' | 'answer';

export interface DecisionDraft {
  key: string;
  text: string;
  issueId: string | null;
  /** The linked issue's number and title, for its option (not sent: the server looks them up). */
  issue: IssueRef | null;
  effect: DecisionEffect;
}

export interface ActionDraft {
  key: string;
  /** The stored id, kept so an action item stays the same item across saves. */
  id?: string;
  text: string;
  /** '' for no owner. */
  ownerOrganizationId: string;
  /** YYYY-MM-DD or ''. */
  dueDate: string;
  done: boolean;
}

export interface MinutesItemDraft {
  agendaItemId: string;
  summary: string;
  decisions: DecisionDraft[];
  actionItems: ActionDraft[];
}

export type AttendanceSource = AttendeeProposal['organizations'][number]['sources'][number];

export interface AttendeeDraft {
  organization: OrganizationRef;
  /** Why it was proposed (none: saved or added by hand). */
  sources: AttendanceSource[];
  /** Ticked: named in the minutes. */
  listed: boolean;
}

/**
 * The candidates: the proposal (room and RSVPs) in the server's order, then organisations saved
 * in the minutes that the proposal lacks. Ticked: the saved list, or — before one is saved —
 * the whole proposal, which is what publishing would record.
 */
export function attendeesDraft(meeting: Meeting, proposal: AttendeeProposal): AttendeeDraft[] {
  const saved = meeting.minutes?.attendees ?? null;
  const listed = new Set((saved ?? proposal.organizations.map((p) => p.organization)).map((o) => o.id));
  const proposed = proposal.organizations.map((p) => ({
    organization: p.organization,
    sources: p.sources,
    listed: listed.has(p.organization.id),
  }));
  const extra = (saved ?? [])
    .filter((o) => !proposed.some((p) => p.organization.id === o.id))
    .map((organization) => ({ organization, sources: [], listed: true }));
  return [...proposed, ...extra];
}

/** Tick an organisation, adding it to the candidates when it is not one yet. */
export function addAttendee(attendees: AttendeeDraft[], organization: OrganizationRef): AttendeeDraft[] {
  if (attendees.some((a) => a.organization.id === organization.id))
    return attendees.map((a) => (a.organization.id === organization.id ? { ...a, listed: true } : a));
  return [...attendees, { organization, sources: [], listed: true }];
}

export const newDecision = (): DecisionDraft => ({ key: crypto.randomUUID(), text: '', issueId: null, issue: null, effect: 'record' });
export const newActionItem = (): ActionDraft => ({ key: crypto.randomUUID(), text: '', ownerOrganizationId: '', dueDate: '', done: false });

export function draftFromMeeting(meeting: Meeting): MinutesItemDraft[] {
  return meeting.agenda.map((agendaItem) => {
    const saved = meeting.minutes?.items.find((i) => i.agendaItemId === agendaItem.id);
    return {
      agendaItemId: agendaItem.id,
      summary: saved?.summary ?? '',
      decisions: (saved?.decisions ?? []).map((d, index) => ({
        key: `${agendaItem.id}-d${index}`,
        text: d.text,
        issueId: d.issueId,
        issue: d.issue,
        effect: d.effect,
      })),
      actionItems: (saved?.actionItems ?? []).map((a) => ({
        key: a.id,
        id: a.id,
        text: a.text,
        ownerOrganizationId: a.owner?.id ?? '',
        dueDate: a.dueDate ?? '',
        done: a.done,
      })),
    };
  });
}

export function bodyOf(items: MinutesItemDraft[], attendees: AttendeeDraft[]): MinutesBody {
  return {
    // The server keeps them in the minutes' order; sorted here so that ticking order is no change.
    attendeeOrganizationIds: attendees
      .filter((a) => a.listed)
      .map((a) => a.organization.id)
      .sort(),
    items: items.map((item) => ({
      agendaItemId: item.agendaItemId,
      summary: item.summary,
      // Without an issue there is nothing to answer: such a decision is only recorded.
      decisions: item.decisions.map((d) => ({ text: d.text, issueId: d.issueId, effect: d.issueId ? d.effect : 'record' })),
      actionItems: item.actionItems.map((a) => ({
        ...(a.id ? { id: a.id } : {}),
        text: a.text,
        ownerOrganizationId: a.ownerOrganizationId || null,
        dueDate: a.dueDate || null,
        done: a.done,
      })),
    })),
  };
}

/** Whether the editor holds anything the server does not (a list not saved yet stands for the proposal). */
export function isDirty(items: MinutesItemDraft[], attendees: AttendeeDraft[], meeting: Meeting, proposal: AttendeeProposal): boolean {
  return JSON.stringify(bodyOf(items, attendees)) !== JSON.stringify(bodyOf(draftFromMeeting(meeting), attendeesDraft(meeting, proposal)));
}

/** What publishing will do to the register: decisions recorded in issue histories, and official answers posted. */
export function publicationEffects(items: MinutesItemDraft[]): { recorded: number; answers: number } {
  const linked = items.flatMap((i) => i.decisions).filter((d) => d.issueId);
  return { recorded: linked.length, answers: linked.filter((d) => d.effect === 'answer').length };
}
