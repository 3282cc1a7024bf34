import { Outlet } from 'react-router';
import { AdminAlertBanner } from '../alerts/admin-alert-banner';
import { AlertCountProvider } from '../alerts/alert-count-context';
import { useActivityHeartbeat } from '../session/use-activity-heartbeat';
import { Navigation } from './navigation';
import { TopBar } from './top-bar';

/** The working frame, mounted only for an active session (see SessionGate). */
export function AppShell() {
  useActivityHeartbeat();
  return (
    <AlertCountProvider>
      <div className="shell">
        <TopBar />
        <AdminAlertBanner />
        <div className="shell__body">
          <Navigation />
          <main className="shell__content">
            <Outlet />
          </main>
        </div>
      </div>
    </AlertCountProvider>
  );
}
