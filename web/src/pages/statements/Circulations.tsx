import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format/datetime';
import type { StatementDetailFragment } from '../../gql/graphql';

type Circulation = StatementDetailFragment['circulations'][number];

/** Every circulation, newest first, each with its recipients' delivery, acknowledgement and position (kept live by the page's subscription). */
export function Circulations({ s }: { s: StatementDetailFragment }) {
  const { t } = useTranslation();
  if (s.circulations.length === 0) return null;
  return (
    <section aria-labelledby="st-circulations">
      <h2 id="st-circulations">{t('statements.circulations')}</h2>
      {[...s.circulations].reverse().map((c) => (
        <CirculationTable key={c.id} c={c} s={s} />
      ))}
    </section>
  );
}

function CirculationTable({ c, s }: { c: Circulation; s: StatementDetailFragment }) {
  const { t } = useTranslation();
  const format = useFormat();
  // Positions are those on the current version: shown for the circulation of that version.
  const positions = c.version.id === s.currentVersion?.id ? s.positions : [];
  const acknowledged = c.recipients.filter((r) => r.status === 'ACKNOWLEDGED').length;
  return (
    <table className="table">
      <caption>
        {t('statements.circulation', { label: c.version.label, purpose: t(`statements.purpose.${c.purpose}`) })}
        {' · '}
        {t(`statements.circulationStatus.${c.status}`)}
        {c.deadline ? (
          <>
            {' · '}
            {t('statements.deadline')} <time dateTime={c.deadline}>{format.dateTime(c.deadline)}</time>
          </>
        ) : null}
        {' · '}
        {t('statements.acknowledgedCount', { count: acknowledged, total: c.recipients.length })}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('statements.recipient.delegation')}</th>
          <th scope="col">{t('statements.recipient.status')}</th>
          <th scope="col">{t('statements.recipient.position')}</th>
        </tr>
      </thead>
      <tbody>
        {c.recipients.map((r) => {
          const position = positions.find((p) => p.delegation.id === r.delegation.id);
          const when = r.acknowledgedAt;
          return (
            <tr key={r.id}>
              <th scope="row">{r.delegation.name}</th>
              <td>
                {t(`statements.recipientStatus.${r.status}`)}
                {when ? (
                  <>
                    {' · '}
                    <time dateTime={when}>{format.dateTime(when)}</time>
                  </>
                ) : null}
              </td>
              <td>
                {position ? t(`statements.stance.${position.stance}`) : t('statements.noPosition')}
                {position?.reason ? `: ${position.reason}` : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
