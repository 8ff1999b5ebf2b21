import { Outlet } from 'react-router';
import { useRegisterLiveUpdates } from './live/useRegisterLiveUpdates';

/** Every register page: kept live by the register's socket events while any of them is open. */
export function RegisterLayout() {
  useRegisterLiveUpdates();
  return <Outlet />;
}
