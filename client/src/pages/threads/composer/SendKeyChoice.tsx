import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isSendKeyChoice, SEND_KEYS, useSendKey } from '@client/components/sendKey';

/** The person's choice of send key, beside the send button (kept for every composer, in this browser). */
export function SendKeyChoice() {
  const { t } = useTranslation();
  const id = useId();
  const [sendKey, setSendKey] = useSendKey();
  return (
    <div className="send-key-choice">
      <label htmlFor={id} className="send-key-choice__label">
        {t('threads.composer.sendKey.label')}
      </label>
      <select
        id={id}
        className="select select--small"
        value={sendKey}
        onChange={(event) => {
          if (isSendKeyChoice(event.target.value)) setSendKey(event.target.value);
        }}
      >
        {SEND_KEYS.map((key) => (
          <option key={key} value={key}>
            {t(`threads.composer.sendKey.${key}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
