import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';

/** Placeholder of the shell: the statements pages are built on it (see docs/design.md, "Web client"). */
export function StatementsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('statements.title')}>
      <p>{t('common.comingSoon')}</p>
    </Page>
  );
}
