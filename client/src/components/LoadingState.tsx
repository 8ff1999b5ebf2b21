import { useTranslation } from 'react-i18next';

/** A quiet "loading" line, announced politely to screen readers. */
export function LoadingState({ fullPage = false, label }: { fullPage?: boolean; label?: string }) {
  const { t } = useTranslation();
  return (
    <div className={fullPage ? 'loading-state loading-state--full' : 'loading-state'} role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}
