import { useMutation } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useAuth } from '../auth/auth';
import { graphql } from '../gql';
import { useLiveNotifications, useUnreadCount } from '../pages/notifications/live';
import { LanguageSelect } from './LanguageSelect';
import { useMe } from './me';

const SignOutDocument = graphql(`
  mutation SignOut {
    signOut
  }
`);

/** The sections of the navigation landmark: [path, catalogue key]. */
const SECTIONS = [
  ['/action-items', 'nav.actionItems'],
  ['/meetings', 'nav.meetings'],
  ['/statements', 'nav.statements'],
  ['/notifications', 'nav.notifications'],
] as const;

/** The frame of every signed-in page: skip link, banner, navigation, main. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const { forget } = useAuth();
  const unread = useUnreadCount();
  useLiveNotifications();
  const [signOut, { loading }] = useMutation(SignOutDocument);
  const onSignOut = async () => {
    // The server revokes the token; forget it here whatever the answer (it may already be invalid).
    await signOut().catch(() => undefined);
    forget();
  };
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="banner">
        <span className="brand">Concordia</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {SECTIONS.map(([path, key]) => (
              <li key={path}>
                <NavLink to={path}>
                  {t(key)}
                  {path === '/notifications' && unread > 0 ? (
                    <span className="badge">
                      <span className="visually-hidden"> (</span>
                      {t('nav.unread', { count: unread })}
                      <span className="visually-hidden">)</span>
                    </span>
                  ) : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          {me ? <span className="who">{me.name}</span> : null}
          <LanguageSelect />
          <button type="button" onClick={() => void onSignOut()} disabled={loading}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
