import { Markdown } from '@client/components/markdown/Markdown';
import { useLanguage } from '@client/i18n/useLanguage';

/** Issues and comments carry no mentions; the renderer still asks for the list. */
const NO_MENTIONS = { users: [], organizations: [] };

/** Markdown written on the register (a description, a comment, an answer), rendered inert. */
export function RegisterMarkdown({ source }: { source: string }) {
  const [language] = useLanguage();
  return <Markdown source={source} mentions={NO_MENTIONS} language={language} />;
}
