/**
 * The issue form's values as the inputs hold them (strings; '' for empty) and the request bodies
 * made from them. Empty dates become null; the law-change dates are sent only for 制度改正対応.
 */
import type { Issue, IssueCreateBody, IssueUpdateBody } from '@shared/schemas/issues';
import type { IssueCategory } from '@shared/register/rules';
import type { BusinessAreaKey } from '@shared/reference/council';

export interface IssueDraft {
  title: string;
  description: string;
  businessAreas: BusinessAreaKey[];
  category: IssueCategory | '';
  specialReason: string;
  dueDate: string;
  lawEnforcementDate: string;
  specPublishedDate: string;
}

export type IssueDraftField = keyof IssueDraft;
export const ISSUE_DRAFT_FIELDS: readonly IssueDraftField[] = [
  'title',
  'description',
  'businessAreas',
  'category',
  'specialReason',
  'dueDate',
  'lawEnforcementDate',
  'specPublishedDate',
];

export const EMPTY_DRAFT: IssueDraft = {
  title: '',
  description: '',
  businessAreas: [],
  category: '',
  specialReason: '',
  dueDate: '',
  lawEnforcementDate: '',
  specPublishedDate: '',
};

export function draftFromIssue(issue: Issue): IssueDraft {
  return {
    title: issue.title,
    description: issue.description,
    businessAreas: issue.businessAreas,
    category: issue.category,
    specialReason: issue.specialReason ?? '',
    dueDate: issue.dueDate ?? '',
    lawEnforcementDate: issue.lawEnforcementDate ?? '',
    specPublishedDate: issue.specPublishedDate ?? '',
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value);

/** The create body, before validation (the shared schema decides what is acceptable). */
export function createBodyFrom(draft: IssueDraft): Record<keyof IssueCreateBody, unknown> {
  const lawChange = draft.category === 'lawChange';
  return {
    title: draft.title,
    description: draft.description,
    businessAreas: draft.businessAreas,
    category: draft.category === '' ? undefined : draft.category,
    specialReason: orNull(draft.specialReason),
    dueDate: orNull(draft.dueDate),
    lawEnforcementDate: lawChange ? orNull(draft.lawEnforcementDate) : null,
    specPublishedDate: lawChange ? orNull(draft.specPublishedDate) : null,
  };
}

/** Only what changed against the stored issue (the due date is the secretariat's, set elsewhere). */
export function contentChangesFrom(draft: IssueDraft, issue: Issue): Partial<Record<keyof IssueUpdateBody, unknown>> {
  const body = createBodyFrom(draft);
  const stored = createBodyFrom(draftFromIssue(issue));
  const changes: Partial<Record<keyof IssueUpdateBody, unknown>> = {};
  const fields = ['title', 'description', 'businessAreas', 'category', 'specialReason', 'lawEnforcementDate', 'specPublishedDate'] as const;
  for (const field of fields) {
    if (JSON.stringify(body[field]) !== JSON.stringify(stored[field])) changes[field] = body[field];
  }
  return changes;
}
