import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '@client/components/CopyButton';

/** The recovery codes, shown once, with ways to keep them; focus moves here so they are not missed. */
export function RecoveryCodesNotice({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const text = `${t('mfa.recovery.title')}\n\n${codes.join('\n')}\n`;
  // A data: URL (allowed by the page's policy for images and links alike) keeps no object URL to revoke.
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;

  return (
    <section ref={ref} className="notice notice--warning recovery-codes" tabIndex={-1} aria-labelledby="recovery-codes-title">
      <h3 id="recovery-codes-title" className="notice__title">
        {t('mfa.recovery.title')}
      </h3>
      <p>{t('mfa.recovery.lead')}</p>
      <ol className="recovery-codes__list" translate="no">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p className="recovery-codes__actions">
        <CopyButton text={codes.join('\n')} label={t('mfa.recovery.copy')} />
        <a className="button button--secondary button--small" href={download} download={t('mfa.recovery.fileName')}>
          {t('mfa.recovery.download')}
        </a>
      </p>
      <button type="button" className="button button--primary" onClick={onDone}>
        {t('mfa.recovery.done')}
      </button>
    </section>
  );
}
