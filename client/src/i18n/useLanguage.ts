import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from './index';

/** The current UI language and a way to change it. */
export function useLanguage(): [Language, (language: Language) => void] {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ja';
  return [language, (next) => void i18n.changeLanguage(next)];
}
