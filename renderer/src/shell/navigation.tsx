import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useAlertCount } from '../alerts/alert-count-context';
import { useSignedInUser } from '../session/session-context';
import { visibleNavItems } from './nav-items';

/** The left rail: only what the signed-in user's roles allow (the core checks again on every call). */
export function Navigation() {
  const user = useSignedInUser();
  const { count } = useAlertCount();
  const { t } = useTranslation('shell');
  return (
    <nav className="nav" aria-label={t('navLabel')} data-testid="navigation">
      <ul className="nav__list">
        {visibleNavItems(user?.roles ?? null).map((item) => (
          <li key={item.path}>
            <NavLink
              to={item.path}
              end={item.end ?? item.path === '/'}
              className={({ isActive }) => (isActive ? 'nav__link nav__link--active' : 'nav__link')}
            >
              <span className="nav__label">{t(`nav.${item.id}`)}</span>
              {item.path === '/security-alerts' && count > 0 ? (
                <span className="nav__count" aria-label={t('unacknowledged', { count })}>
                  {count}
                </span>
              ) : null}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
