import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/me';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { useFormat } from '../../format/datetime';
import { graphql } from '../../gql';
import { Page } from '../../ui/Page';

const StatementsDocument = graphql(`
  query Statements($after: String) {
    statements(first: 50, after: $after) {
      edges {
        node {
          id
          title
          reference
          status
          classification
          updatedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

/** Who may draft, revise and circulate (the API's Policy.manageStatements). */
export function useIsClerk(): boolean {
  const me = useMe();
  return me?.role === 'CLERK' || me?.role === 'ADMIN';
}

/** The statements the user may read, newest first, with "Draft a statement" for clerks. */
export function StatementsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const clerk = useIsClerk();
  const { data, error, loading, fetchMore, refetch } = useQuery(StatementsDocument, { fetchPolicy: 'cache-and-network' });
  const edges = data?.statements.edges ?? [];
  return (
    <Page
      title={t('statements.title')}
      actions={
        clerk ? (
          <Link className="button primary" to="/statements/new">
            {t('statements.draft.link')}
          </Link>
        ) : null
      }
    >
      <ErrorMessage error={error} onReload={() => void refetch()} />
      {loading && !data ? <p>{t('common.loading')}</p> : null}
      {data && edges.length === 0 ? <p>{t('statements.empty')}</p> : null}
      {edges.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">{t('statements.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('statements.field.title')}</th>
              <th scope="col">{t('statements.field.reference')}</th>
              <th scope="col">{t('statements.field.status')}</th>
              <th scope="col">{t('statements.field.classification')}</th>
              <th scope="col">{t('statements.field.updatedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {edges.map(({ node }) => (
              <tr key={node.id}>
                <th scope="row">
                  <Link to={`/statements/${node.id}`}>{node.title}</Link>
                </th>
                <td>{node.reference}</td>
                <td>{t(`statements.status.${node.status}`)}</td>
                <td>{t(`statements.classification.${node.classification}`)}</td>
                <td>
                  <time dateTime={node.updatedAt}>{format.dateTime(node.updatedAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {data?.statements.pageInfo.hasNextPage ? (
        <button type="button" onClick={() => void fetchMore({ variables: { after: data.statements.pageInfo.endCursor } })}>
          {t('common.more')}
        </button>
      ) : null}
    </Page>
  );
}
