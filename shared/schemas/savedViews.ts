/** 保存したビュー: a person's named register views (filters, order, page size), at most SAVED_VIEW_LIMIT each. */
import { z } from 'zod';
import { registerQueryString } from '../register/viewQuery';
import { IssueListQuery } from './issues';

export const SAVED_VIEW_LIMIT = 20;
export const SAVED_VIEW_NAME_LENGTH = 40;
const QUERY_LENGTH = 2_000;

/** `<userId>:<slot>`: the view's own key, slot 0..19. */
export const SavedViewId = z.string().regex(/^[0-9a-f]{24}:(?:1?[0-9])$/, 'must be a saved view id');
export const SavedViewParams = z.strictObject({ id: SavedViewId });

export const SavedViewName = z
  .string()
  .trim()
  .min(1, 'required')
  .max(SAVED_VIEW_NAME_LENGTH, `must be at most ${SAVED_VIEW_NAME_LENGTH} characters`);

/**
 * The register URL's query string (a leading `?` is allowed), checked as the register checks it
 * (a bad value names its parameter: `body.query.status`) and stored in its one spelling, without the page.
 */
export const SavedViewQuery = z
  .string()
  .max(QUERY_LENGTH)
  .transform((text, ctx) => {
    const params = new URLSearchParams(text.startsWith('?') ? text.slice(1) : text);
    const raw: Record<string, string> = {};
    for (const [name, value] of params) {
      if (name in raw) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'given twice' });
        return z.NEVER;
      }
      raw[name] = value;
    }
    const parsed = IssueListQuery.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
        ctx.addIssue({
          code: 'custom',
          path: path.map(String),
          message: issue.code === 'unrecognized_keys' ? 'unknown parameter' : issue.message,
        });
      }
      return z.NEVER;
    }
    return registerQueryString({ ...parsed.data, page: 1 });
  });

export const SavedViewCreateBody = z.strictObject({ name: SavedViewName, query: SavedViewQuery });
export type SavedViewCreateBody = z.input<typeof SavedViewCreateBody>;

export const SavedViewUpdateBody = z
  .strictObject({ name: SavedViewName.optional(), query: SavedViewQuery.optional() })
  .refine((b) => b.name !== undefined || b.query !== undefined, 'nothing to change');
export type SavedViewUpdateBody = z.input<typeof SavedViewUpdateBody>;

export const SavedView = z
  .object({ id: z.string(), name: z.string(), query: z.string(), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'SavedView' });
export type SavedView = z.infer<typeof SavedView>;

export const SavedViewList = z.object({ views: z.array(SavedView), limit: z.number().int() }).meta({ id: 'SavedViewList' });
export type SavedViewList = z.infer<typeof SavedViewList>;
