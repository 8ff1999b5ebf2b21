import { useTranslation } from 'react-i18next';
import { useHealth } from '@client/queries/health';

const DEMO_PASSWORD = 'council-demo';
/** server/seed/seed.ts DEMO_TOTP_SECRET: public, like the password, and for the demo only. */
const DEMO_TOTP_SECRET = 'DEMOCOUNCILTOTPSECRETFORDEMOONLY';

const DEMO_ACCOUNTS = [
  { email: 'secretariat@demo.example', role: 'secretariat' },
  { email: 'dev-admin@demo.example', role: 'devAdmin' },
  { email: 'dev@demo.example', role: 'dev' },
  { email: 'dev2@demo.example', role: 'dev2' },
  { email: 'support@demo.example', role: 'support' },
  { email: 'mhlw@demo.example', role: 'mhlw' },
  { email: 'jlis@demo.example', role: 'jlis' },
] as const;

/** The seeded demo accounts; shown only in development or when the server says it is a demo. */
export function DemoAccountsHint({
  onPick,
  secondFactor = false,
}: {
  onPick: (credentials: { email: string; password: string }) => void;
  secondFactor?: boolean;
}) {
  const { t } = useTranslation();
  const health = useHealth();
  if (!import.meta.env.DEV && health.data?.demo !== true) return null;

  return (
    <aside className="card demo-hint" aria-labelledby="demo-hint-title">
      <h2 id="demo-hint-title" className="demo-hint__title">
        {t('login.demo.title')}
      </h2>
      <p>{t('login.demo.lead', { password: DEMO_PASSWORD })}</p>
      {/* The demo secret is public like the demo password; README says how to add it to an app. */}
      <p className={secondFactor ? undefined : 'small muted'}>{t('mfa.login.demo', { secret: DEMO_TOTP_SECRET })}</p>
      <ul className="demo-hint__list">
        {DEMO_ACCOUNTS.map((account) => (
          <li key={account.email} className="demo-hint__item">
            <span>
              <code>{account.email}</code>
              <span className="demo-hint__role">{t(`login.demo.accounts.${account.role}`)}</span>
            </span>
            <button
              type="button"
              className="button button--secondary button--small"
              aria-label={t('login.demo.fillLabel', { email: account.email })}
              onClick={() => onPick({ email: account.email, password: DEMO_PASSWORD })}
            >
              {t('login.demo.fill')}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
