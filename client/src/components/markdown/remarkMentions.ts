/**
 * A remark plugin that turns mention tokens (`@{user:<id>}`, `@{org:<id>}`) in the text of a
 * message into highlighted names. It works on the parsed tree, so a token quoted inside inline
 * code or a code block stays as written, and the name comes from the message's resolved mentions,
 * never from anything the author typed around the token.
 */
import type { Root, RootContent, Text } from 'mdast';
import type { Message } from '@shared/schemas/threads';
import { replaceMentions, type MentionKind } from '@shared/threads/mentions';

export interface MentionOptions {
  mentions: Message['mentions'];
  language: 'ja' | 'en';
  /** Who is reading: their own name and organisation are marked as mentioning them. */
  me?: { userId: string; organizationId: string } | undefined;
}

// CommonMark turns U+0000 into U+FFFD while parsing, so text nodes never contain it: a safe
// separator for cutting tokens out with the shared replaceMentions (which owns the token format).
const CUT = '\u0000';

function mentionNode(kind: MentionKind, id: string, options: MentionOptions): Text | null {
  let name: string | undefined;
  if (kind === 'user') name = options.mentions.users.find((u) => u.id === id)?.displayName;
  else {
    const org = options.mentions.organizations.find((o) => o.id === id);
    name = org && (options.language === 'ja' ? org.nameJa : org.nameEn);
  }
  if (!name) return null; // Not resolved by the server (unknown id): leave the token as plain text.
  const mine = kind === 'user' ? options.me?.userId === id : options.me?.organizationId === id;
  return {
    type: 'text',
    value: `@${name}`,
    // A mention of the reader is a <mark>: highlighted for assistive technology too, not by colour alone.
    data: mine
      ? { hName: 'mark', hProperties: { className: ['mention', 'mention--me'] } }
      : { hName: 'span', hProperties: { className: ['mention'] } },
  };
}

function splitText(node: Text, options: MentionOptions): Text[] {
  const marked = replaceMentions(node.value, (kind, id) => `${CUT}${kind}${CUT}${id}${CUT}`);
  if (marked === node.value) return [node];
  const parts = marked.split(CUT);
  const out: Text[] = [];
  // parts: text, kind, id, text, kind, id, …, text
  for (let i = 0; i < parts.length; i += 3) {
    if (parts[i]) out.push({ type: 'text', value: parts[i]! });
    const kind = parts[i + 1] as MentionKind | undefined;
    const id = parts[i + 2];
    if (kind && id) out.push(mentionNode(kind, id, options) ?? { type: 'text', value: `@{${kind}:${id}}` });
  }
  return out;
}

function rewrite(parent: { children: RootContent[] }, options: MentionOptions): void {
  const next: RootContent[] = [];
  for (const child of parent.children) {
    if (child.type === 'text') next.push(...splitText(child, options));
    else {
      if ('children' in child) rewrite(child, options);
      next.push(child);
    }
  }
  parent.children = next;
}

export function remarkMentions(options: MentionOptions) {
  return (tree: Root) => rewrite(tree, options);
}
