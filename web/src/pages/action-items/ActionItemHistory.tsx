import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format/datetime';
import { graphql } from '../../gql';
import type { ActionItemHistoryEntryFragment } from '../../gql/graphql';

export const ActionItemHistoryEntry = graphql(`
  fragment ActionItemHistoryEntry on ActionItemUpdate {
    id
    kind
    text
    createdAt
    percentComplete
    author {
      id
      name
    }
  }
`);

/** Changes and notes, newest first (the API keeps the latest 50 here). */
export function ActionItemHistory({ history }: { history: ActionItemHistoryEntryFragment[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="history">
      <h2 id="history">{t('actionItems.history')}</h2>
      {history.length === 0 ? <p>{t('actionItems.noHistory')}</p> : null}
      <ol className="history">
        {history.map((h) => (
          <li key={h.id}>
            <p className="meta">
              <time dateTime={h.createdAt}>{format.dateTime(h.createdAt)}</time> · {t(`actionItems.updateKind.${h.kind}`)}
              {h.author ? ` · ${h.author.name}` : null}
              {h.percentComplete !== null && h.percentComplete !== undefined ? ` · ${h.percentComplete} %` : null}
            </p>
            <p className="body">{h.text}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
