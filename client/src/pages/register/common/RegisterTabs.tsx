import { NavLink } from 'react-router';
import { useRegisterT } from '../useRegisterT';

/** Switches between the register's two views: the table and the dashboard. */
export function RegisterTabs() {
  const rt = useRegisterT();
  const className = ({ isActive }: { isActive: boolean }) => (isActive ? 'tabs__link tabs__link--current' : 'tabs__link');
  return (
    <nav className="tabs register-tabs" aria-label={rt('register.tabs.label')}>
      <NavLink to="/register" end className={className}>
        {rt('register.tabs.list')}
      </NavLink>
      <NavLink to="/register/dashboard" className={className}>
        {rt('register.tabs.dashboard')}
      </NavLink>
    </nav>
  );
}
