/**
 * Message markdown renders inert: an XSS corpus goes through the client's own Markdown component
 * (react-markdown) and the HTML it produces is checked tag by tag, attribute by attribute.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../client/src/components/markdown/Markdown';

const USER = '0123456789abcdef01234567';
const mentions = { users: [{ id: USER, displayName: '<img src=x onerror=alert(1)>' }], organizations: [] };

const CORPUS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle r=10 /></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<a href="javascript:alert(1)">click</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<div style="background:url(javascript:alert(1))" onclick="alert(1)">x</div>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1))',
  '[click](java&#x09;script:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click][ref]\n\n[ref]: javascript:alert(1)',
  '<javascript:alert(1)>',
  '![x](javascript:alert(1))',
  '![x](https://tracker.example/pixel.png)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '[x](https://ok.example/" onmouseover="alert(1))',
  '```html\n<script>alert(1)</script>\n```',
  '`<img src=x onerror=alert(1)>`',
  `@{user:${USER}} さん`,
  '<details open ontoggle=alert(1)>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<base href="javascript:/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |',
];

const ALLOWED_TAGS = new Set([
  'div', 'p', 'a', 'span', 'em', 'strong', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'hr', 'br',
  'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input', 'sup', 'section',
]);
const ALLOWED_ATTRIBUTES = new Set(['href', 'title', 'class', 'target', 'rel', 'type', 'checked', 'disabled', 'start', 'align', 'style', 'id', 'data-footnotes', 'aria-describedby', 'aria-label', 'data-footnote-ref', 'data-footnote-backref']);

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
    expect(tags).not.toMatch(/script|svg|iframe|<img|javascript:|data:|on[a-z]+=/i);
  });

  it('still renders ordinary markdown, links and mentions', () => {
    const html = render(`**太字** と [デジタル庁](https://www.digital.go.jp/) @{user:${USER}}`);
    expect(html).toContain('<strong>太字</strong>');
    expect(html).toContain('href="https://www.digital.go.jp/"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain('<span class="mention">@&lt;img src=x onerror=alert(1)&gt;</span>');
  });
});
