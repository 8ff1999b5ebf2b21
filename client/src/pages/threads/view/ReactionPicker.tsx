import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REACTION_KEYS, REACTIONS, type ReactionKey } from '@shared/threads/rules';

interface Props {
  isMine: (key: ReactionKey) => boolean;
  onPick: (key: ReactionKey) => void;
  disabled: boolean;
}

/** "Add a reaction": a small group of the fixed reactions; Escape or leaving it closes it. */
export function ReactionPicker({ isMine, onPick, disabled }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };

  return (
    <div
      className="reaction-picker"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="reaction reaction--add"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        disabled={disabled}
        onClick={() => setOpen(!open)}
        title={t('threads.reactions.add')}
      >
        <span aria-hidden="true">😊＋</span>
        <span className="visually-hidden">{t('threads.reactions.add')}</span>
      </button>
      {open && (
        <div id={id} className="reaction-picker__menu" role="group" aria-label={t('threads.reactions.choose')}>
          {REACTION_KEYS.map((key, index) => (
            <button
              key={key}
              type="button"
              className="reaction-picker__option"
              aria-pressed={isMine(key)}
              title={t(`threads.reactions.names.${key}`)}
              autoFocus={index === 0}
              onClick={() => {
                onPick(key);
                close();
              }}
            >
              <span aria-hidden="true">{REACTIONS[key]}</span>
              <span className="visually-hidden">{t(`threads.reactions.names.${key}`)}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
