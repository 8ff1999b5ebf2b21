/**
 * Message markdown renders inert: an XSS corpus goes through the client's own Markdown component
 * (react-markdown) and the HTML it produces is checked tag by tag, attribute by attribute.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../client/src/components/markdown/Markdown';
import { XSS_CORPUS as CORPUS, xssMentionedUser } from './support/xss';

const USER = xssMentionedUser;
const mentions = { users: [{ id: USER, displayName: '<img src=x onerror=alert(1)>' }], organizations: [] };

const ALLOWED_TAGS = new Set([
  'div',
  'p',
  'a',
  'span',
  'em',
  'strong',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'hr',
  'br',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'input',
  'sup',
  'section',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'href',
  'title',
  'class',
  'target',
  'rel',
  'type',
  'checked',
  'disabled',
  'start',
  'align',
  'style',
  'id',
  'data-footnotes',
  'aria-describedby',
  'aria-label',
  'data-footnote-ref',
  'data-footnote-backref',
  // The renderer's own wrapper marks user content (the English-mode check skips it); no value from the text reaches it.
  'data-user-content',
]);

function render(source: string): string {
  return renderToStaticMarkup(createElement(Markdown, { source, mentions }));
}

describe('markdown rendering', () => {
  it.each(CORPUS)('renders inert: %s', (source) => {
    const html = render(source);
    for (const [, tag, attributes] of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
      expect(ALLOWED_TAGS.has(tag!.toLowerCase()), `tag <${tag}> in ${html}`).toBe(true);
      for (const [, name, value] of attributes!.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)) {
        expect(ALLOWED_ATTRIBUTES.has(name!.toLowerCase()), `attribute ${name} in ${html}`).toBe(true);
        if (name === 'href') expect(value, html).toMatch(/^(https?:|mailto:)/i);
        if (name === 'style') expect(value, html).toMatch(/^text-align:(left|right|center)$/);
      }
    }
    // Whatever the source said is at most visible text: nothing of it survives inside a tag.
    const tags = [...html.matchAll(/<[^>]*>/g)].join('');
    expect(tags).not.toMatch(/script|svg|iframe|<img|javascript:|data:|\son[a-z]+=/i);
  });

  it('still renders ordinary markdown, links and mentions', () => {
    const html = render(`**太字** と [デジタル庁](https://www.digital.go.jp/) @{user:${USER}}`);
    expect(html).toContain('<strong>太字</strong>');
    expect(html).toContain('href="https://www.digital.go.jp/"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain('<span class="mention">@&lt;img src=x onerror=alert(1)&gt;</span>');
  });
});
