import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from './LanguageSelect';

/** The frame of pages anyone may see (sign-in, a published statement): banner, main, language. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="banner">
        <span className="brand">Concordia</span>
        <LanguageSelect />
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
