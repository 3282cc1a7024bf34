import { useEffect } from 'react';
import { onEvent } from '../ipc/client';
import { useChannel } from '../ipc/use-channel';
import { shortLocalTime } from '../recipes/recipe-time';
import { useSystemInfo } from '../system/system-info-context';
import { HomeSection, HomeTile, TileGroup, whenReady } from './home-tiles';

const DAY = 24 * 3_600_000;
const EXPIRY_LOOKAHEAD_DAYS = 14;

/** Administrator: security alerts not acknowledged, locked accounts, passwords about to expire. */
export function AdminSection() {
  const alerts = useChannel('alerts.list', {});
  const users = useChannel('users.list', {});
  const { info } = useSystemInfo();
  const { reload: reloadAlerts } = alerts;
  const { reload: reloadUsers } = users;
  // An alert (a lockout among them) changes both lists.
  useEffect(
    () =>
      onEvent('security.alert', () => {
        reloadAlerts();
        reloadUsers();
      }),
    [reloadAlerts, reloadUsers],
  );
  const now = Date.now();
  return (
    <HomeSection title="Security and accounts" testId="home-admin" screen={{ to: '/users', label: 'Users' }}>
      {whenReady(alerts.state, alerts.reload, (all) => (
        <TileGroup
          heading="Security alerts to acknowledge"
          empty="No alert waits for acknowledgement."
          testId="home-alerts"
        >
          {all
            .filter((alert) => alert.acknowledgedAtUtc === null)
            .map((alert) => (
              <HomeTile
                key={alert.id}
                to="/security-alerts"
                testId="home-alert"
                title={alert.message}
                detail={shortLocalTime(alert.raisedAtUtc, info.timeZone)}
                attention={{ tone: 'fail', text: 'Not acknowledged' }}
                action="Security alerts"
              />
            ))}
        </TileGroup>
      ))}
      {whenReady(users.state, users.reload, (all) => (
        <>
          <TileGroup heading="Locked accounts" empty="No account is locked." testId="home-locked">
            {all
              .filter((user) => user.locked)
              .map((user) => (
                <HomeTile
                  key={user.id}
                  to="/users"
                  testId="home-locked-user"
                  title={`${user.fullName} (${user.username})`}
                  detail="Locked after failed attempts; unlock once you know why."
                  attention={{ tone: 'fail', text: 'Locked' }}
                  action="Users"
                />
              ))}
          </TileGroup>
          <TileGroup
            heading={`Passwords expiring within ${EXPIRY_LOOKAHEAD_DAYS} days`}
            empty="No password expires in the next two weeks."
            testId="home-expiring"
          >
            {all
              .filter(
                (user) =>
                  user.status === 'active' &&
                  user.passwordExpiresAtUtc !== null &&
                  Date.parse(user.passwordExpiresAtUtc) <= now + EXPIRY_LOOKAHEAD_DAYS * DAY,
              )
              .map((user) => (
                <HomeTile
                  key={user.id}
                  to="/users"
                  testId="home-expiring-user"
                  title={`${user.fullName} (${user.username})`}
                  detail={`Password expires ${shortLocalTime(user.passwordExpiresAtUtc!, info.timeZone)}`}
                  attention={{ tone: 'warn', text: 'Expiring' }}
                  action="Users"
                />
              ))}
          </TileGroup>
        </>
      ))}
    </HomeSection>
  );
}
