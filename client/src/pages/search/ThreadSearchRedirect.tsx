import { Navigate, useSearchParams } from 'react-router';
import { searchUrl } from './useSearchUrl';

/** /threads/search?q= (the old thread search, in bookmarks and mails): the one search, threads and messages chosen. */
export function ThreadSearchRedirect() {
  const [params] = useSearchParams();
  return <Navigate replace to={searchUrl({ q: (params.get('q') ?? '').trim(), kinds: ['thread', 'message'] })} />;
}
