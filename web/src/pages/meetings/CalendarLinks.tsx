import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadWithToken } from '../../auth/download';
import { ErrorMessage } from '../../errors/ErrorMessage';

/**
 * The meeting in the user's calendar: its own .ics file (the API wants the bearer token for it, so it
 * is fetched, not linked) and the private feed of all their meetings (its address is its credential).
 */
export function CalendarLinks({ meetingId, feedUrl }: { meetingId: string; feedUrl: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = () => {
    setBusy(true);
    setError(null);
    downloadWithToken(`/calendar/meetings/${meetingId}.ics`, 'meeting.ics')
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return (
    <div className="actions">
      <button type="button" disabled={busy} onClick={download}>
        {t('meetings.downloadIcs')}
      </button>
      <a href={feedUrl}>{t('meetings.calendarFeed')}</a>
      <ErrorMessage error={error} />
    </div>
  );
}
