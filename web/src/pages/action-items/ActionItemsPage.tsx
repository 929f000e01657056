import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';

/** Placeholder of the shell: the actionItems pages are built on it (see docs/design.md, "Web client"). */
export function ActionItemsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('actionItems.title')}>
      <p>{t('common.comingSoon')}</p>
    </Page>
  );
}
