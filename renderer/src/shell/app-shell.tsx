import { Outlet } from 'react-router';
import { Navigation } from './navigation';
import { SecurityAlerts } from './security-alerts';
import { TopBar } from './top-bar';

export function AppShell() {
  return (
    <div className="shell">
      <TopBar />
      <SecurityAlerts />
      <div className="shell__body">
        <Navigation />
        <main className="shell__content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
