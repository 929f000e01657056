import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { timeZones } from '../../format/zoned-time';

/** What scheduling and editing a meeting share: times are wall-clock values in `timezone` (see format/zoned-time). */
export interface MeetingFieldValues {
  title: string;
  starts: string;
  ends: string;
  timezone: string;
  location: string;
}

/** Title, start, end, time zone and place, as one group of labelled native controls. */
export function MeetingFields({ values, onChange }: { values: MeetingFieldValues; onChange: (next: MeetingFieldValues) => void }) {
  const { t } = useTranslation();
  const ids = { title: useId(), starts: useId(), ends: useId(), zone: useId(), location: useId() };
  const set = (key: keyof MeetingFieldValues) => (e: { target: { value: string } }) => onChange({ ...values, [key]: e.target.value });
  return (
    <>
      <div className="field">
        <label htmlFor={ids.title}>{t('meetings.schedule.meetingTitle')}</label>
        <input id={ids.title} required value={values.title} onChange={set('title')} />
      </div>
      <div className="field">
        <label htmlFor={ids.starts}>{t('meetings.schedule.startsAt')}</label>
        <input id={ids.starts} type="datetime-local" required value={values.starts} onChange={set('starts')} />
      </div>
      <div className="field">
        <label htmlFor={ids.ends}>{t('meetings.schedule.endsAt')}</label>
        <input id={ids.ends} type="datetime-local" required value={values.ends} onChange={set('ends')} />
      </div>
      <div className="field">
        <label htmlFor={ids.zone}>{t('meetings.schedule.timezone')}</label>
        <select id={ids.zone} value={values.timezone} onChange={set('timezone')}>
          {timeZones(values.timezone).map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.location}>{t('meetings.schedule.location')}</label>
        <input id={ids.location} value={values.location} onChange={set('location')} />
      </div>
    </>
  );
}
