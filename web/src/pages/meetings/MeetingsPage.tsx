import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';

/** Placeholder of the shell: the meetings pages are built on it (see docs/design.md, "Web client"). */
export function MeetingsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('meetings.title')}>
      <p>{t('common.comingSoon')}</p>
    </Page>
  );
}
