import { useRouteError } from 'react-router';
import { CrashNotice } from './crash-notice';

/** The router's error element: replaces React Router's default page, which shows stack traces. */
export function RouteError() {
  console.error('Route error', useRouteError());
  return <CrashNotice />;
}
