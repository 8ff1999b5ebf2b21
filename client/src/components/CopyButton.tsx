import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies `text` to the clipboard and says so. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('copied');
    } catch {
      setStatus('failed'); // Clipboard needs a secure context and permission.
    }
  }

  return (
    <span className="copy-button">
      <button type="button" className="button button--secondary button--small" onClick={() => void copy()} aria-label={label}>
        {t('common.copy')}
      </button>
      <span className="copy-button__status" role="status">
        {status === 'copied' ? t('common.copied') : status === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  );
}
