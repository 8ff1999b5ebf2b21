/**
 * The minutes editor's state per agenda item, as the inputs hold it, and the MinutesBody the
 * shared schema checks. Every agenda item gets an entry, written or not.
 */
import type { IssueRef } from '@shared/schemas/issues';
import type { Meeting, MinutesBody } from '@shared/schemas/meetings';

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

export function bodyOf(items: MinutesItemDraft[]): MinutesBody {
  return {
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

/** Whether the editor holds anything the server does not. */
export function isDirty(items: MinutesItemDraft[], meeting: Meeting): boolean {
  return JSON.stringify(bodyOf(items)) !== JSON.stringify(bodyOf(draftFromMeeting(meeting)));
}

/** What publishing will do to the register: decisions recorded in issue histories, and official answers posted. */
export function publicationEffects(items: MinutesItemDraft[]): { recorded: number; answers: number } {
  const linked = items.flatMap((i) => i.decisions).filter((d) => d.issueId);
  return { recorded: linked.length, answers: linked.filter((d) => d.effect === 'answer').length };
}
