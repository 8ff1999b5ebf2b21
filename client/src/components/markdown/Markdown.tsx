/**
 * A message's markdown, rendered inert: react-markdown builds React elements (no innerHTML), raw
 * HTML in the source is shown as text (no rehype-raw), links keep only http, https and mailto,
 * and images are never fetched from wherever the author pointed them (they become links).
 * No hooks and no providers: a server-side test renders it with renderToStaticMarkup.
 */
import ReactMarkdown, { defaultUrlTransform, type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { Message } from '@shared/schemas/threads';
import { remarkMentions, type MentionOptions } from './remarkMentions';

interface Props {
  source: string;
  mentions: Message['mentions'];
  /** The reader, so mentions of them or their organisation stand out. */
  me?: MentionOptions['me'];
  /** Which name of a mentioned organisation to show. */
  language?: MentionOptions['language'];
}

const SAFE_URL = /^(?:https?|mailto):/i;

/** defaultUrlTransform already drops javascript: and friends; we also drop relative and data URLs. */
function safeUrl(url: string): string {
  const kept = defaultUrlTransform(url);
  return SAFE_URL.test(kept) ? kept : '';
}

const EXTERNAL = { target: '_blank', rel: 'noopener noreferrer' } as const;

const components: Components = {
  a({ href, title, children }) {
    if (!href) return <span className="markdown__dropped-link">{children}</span>;
    return (
      <a href={href} title={title} {...EXTERNAL}>
        {children}
      </a>
    );
  },
  img({ src, alt }) {
    const label = alt || (typeof src === 'string' ? src : '');
    if (typeof src !== 'string' || !src) return <span>{label}</span>;
    return (
      <a href={src} className="markdown__image-link" {...EXTERNAL}>
        {label}
      </a>
    );
  },
  // A message sits under the page's own headings: its headings start three levels down.
  h1: ({ children }) => <h4>{children}</h4>,
  h2: ({ children }) => <h5>{children}</h5>,
  h3: ({ children }) => <h6>{children}</h6>,
  h4: ({ children }) => <h6>{children}</h6>,
  h5: ({ children }) => <h6>{children}</h6>,
  h6: ({ children }) => <h6>{children}</h6>,
};

export function Markdown({ source, mentions, me, language = 'ja' }: Props) {
  return (
    <div className="markdown" data-user-content>
      <ReactMarkdown
        remarkPlugins={[remarkGfm, [remarkMentions, { mentions, me, language } satisfies MentionOptions]]}
        urlTransform={safeUrl}
        components={components}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}
