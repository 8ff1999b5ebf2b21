import type { ComponentType } from 'react';

/**
 * A route's `lazy`: its page is a chunk of its own, fetched when the route is first matched, so the
 * sign-in page and the shell load none of the pages behind them. `name` is the page's export.
 *
 * The router fetches the chunks of every route a URL matches at once (the shell, a section's
 * layout and the page, in parallel, where nested `React.lazy` components would fetch one after
 * another as each rendered), and keeps the current page on screen until they have arrived, so a
 * client-side navigation still lands on a rendered page whose heading takes the focus. A chunk
 * that fails to load (a deploy replaced it) goes to the route's error page, which offers a reload.
 */
export function lazyRoute<Name extends string, Module extends Record<Name, ComponentType>>(load: () => Promise<Module>, name: Name) {
  return async (): Promise<{ Component: ComponentType }> => ({ Component: (await load())[name] });
}
