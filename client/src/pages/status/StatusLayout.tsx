import { Outlet } from 'react-router';
import { useStatusLiveUpdates } from './useStatusLiveUpdates';
import './status.css';

/** Every 開発状況報告 page: kept live by `status.changed` while any of them is open. */
export function StatusLayout() {
  useStatusLiveUpdates();
  return <Outlet />;
}
