import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadWithToken } from '../../auth/download';
import { ErrorMessage } from '../../errors/ErrorMessage';
import type { ActionItemFilter } from '../../gql/graphql';

/** The list's filter as `/action-items.csv` reads it: the same names as the GraphQL filter, lists comma-separated. */
export function csvQuery(filter: ActionItemFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** "Export as CSV": the items of the current filter, every page of them, as a spreadsheet file. */
export function CsvExport({ filter }: { filter: ActionItemFilter }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = () => {
    setBusy(true);
    setError(null);
    downloadWithToken(`/action-items.csv${csvQuery(filter)}`, 'action-items.csv')
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button type="button" disabled={busy} onClick={download}>
        {t('actionItems.exportCsv')}
      </button>
      <ErrorMessage error={error} />
    </>
  );
}
