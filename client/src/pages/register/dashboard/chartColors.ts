/**
 * Chart colours come from the design tokens' CSS custom properties (loaded with the app), read
 * once at run time: SVG fills cannot be styled per series from our stylesheet, and copying hex
 * values here would drift from the tokens.
 */
import type { IssueStatus } from '@shared/register/rules';

function token(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Distinct hues for the open statuses, each at least 3:1 against white (WCAG 1.4.11). */
export function statusColors(): Record<IssueStatus, string> {
  return {
    new: token('--color-primitive-blue-900', '#0017c1'),
    accepted: token('--color-primitive-cyan-900', '#006f83'),
    reviewing: token('--color-primitive-orange-800', '#c74700'),
    answered: token('--color-primitive-green-800', '#197a4b'),
    closed: token('--color-neutral-solid-gray-600', '#666666'),
    rejected: token('--color-primitive-red-900', '#ce0000'),
    duplicate: token('--color-primitive-magenta-900', '#8b008b'),
  };
}

export function barColor(): string {
  return token('--color-primitive-blue-900', '#0017c1');
}
