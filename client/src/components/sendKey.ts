import { useSyncExternalStore, type KeyboardEvent } from 'react';
import { isImeComposing } from './imeKeys';

/**
 * How a person sends what they write in a conversation: `enter` (Enter sends, Shift+Enter adds a
 * line) or `modEnter` (Enter adds a line, Ctrl+Enter or ⌘+Enter sends). Their choice is kept in
 * localStorage like the language; until they choose, Enter sends where there is a fine pointer (a
 * desktop) and adds a line on a touch screen, where the send button sends.
 */
export const SEND_KEYS = ['enter', 'modEnter'] as const;
export type SendKey = (typeof SEND_KEYS)[number];

const STORAGE_KEY = 'council.sendKey';

export function isSendKeyChoice(value: unknown): value is SendKey {
  return typeof value === 'string' && (SEND_KEYS as readonly string[]).includes(value);
}

function defaultSendKey(): SendKey {
  return window.matchMedia('(pointer: coarse)').matches ? 'modEnter' : 'enter';
}

function readSendKey(): SendKey {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isSendKeyChoice(stored)) return stored;
  } catch {
    // Storage can be blocked (private mode, policy): the device's default then.
  }
  return defaultSendKey();
}

let current: SendKey | undefined;
const listeners = new Set<() => void>();

function currentSendKey(): SendKey {
  current ??= readSendKey();
  return current;
}

function setSendKey(next: SendKey): void {
  current = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not being able to remember the choice is harmless: it holds until the page is left.
  }
  for (const listener of listeners) listener();
}

// A choice made in another tab applies here too.
function onStorage(event: StorageEvent): void {
  if (event.key !== STORAGE_KEY) return;
  current = readSendKey();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('storage', onStorage);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('storage', onStorage);
  };
}

/** The person's send key and a way to change it (every composer on the page follows at once). */
export function useSendKey(): [SendKey, (next: SendKey) => void] {
  return [useSyncExternalStore(subscribe, currentSendKey, () => 'enter' as const), setSendKey];
}

/** Whether this key sends under `sendKey`; an Enter that confirms an IME conversion never does. */
export function isSendKey(event: KeyboardEvent<HTMLTextAreaElement>, sendKey: SendKey): boolean {
  if (event.key !== 'Enter' || isImeComposing(event)) return false;
  if (sendKey === 'modEnter') return event.ctrlKey || event.metaKey;
  return !event.shiftKey && !event.altKey;
}

/** The modifier that sends with `modEnter`, as the keyboard labels it. */
export function sendModifier(): string {
  return /Mac|iPhone|iPad|iPod/.test(navigator.userAgent) ? '⌘' : 'Ctrl';
}
