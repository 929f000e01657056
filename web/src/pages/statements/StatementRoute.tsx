import { type ReactNode } from 'react';
import { useParams } from 'react-router';
import { PublicStatementPage } from './PublicStatementPage';
import { StatementPage } from './StatementPage';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `/statements/<key>` is two pages on one address space: a statement's id (a UUID, signed in) or a
 * published statement's press reference (public, also served as JSON, text and Akoma Ntoso by the
 * API at the same address). Press references are never UUIDs, so the key's shape decides.
 */
export function StatementRoute({ signedOut }: { signedOut?: ReactNode }) {
  const { key = '' } = useParams();
  if (ID.test(key)) return signedOut ?? <StatementPage id={key} />;
  return <PublicStatementPage reference={key} />;
}
