import { useSubscription } from '@apollo/client/react';
import type { StatementDetailFragment } from '../../gql/graphql';
import { graphql } from '../../gql';

/** What the statement page shows; the subscription selects the same, so Apollo updates the page's cache entry in place. */
// The API caps an operation's cost at 20,000 (lists are charged at their maximum: 20 circulations
// of 100 recipients, 80 consensus entries; Apollo's __typename counts in each), so each item asks
// for no more than the page shows (about 19,000; src/common/graphql/client-operations.spec.ts
// checks every operation of the client). The amendments (Amendments.tsx), the body's members (the
// circulation form) and a diff (VersionChanges) are loaded apart.
export const StatementDetailFields = graphql(`
  fragment StatementDetail on Statement {
    id
    title
    reference
    status
    classification
    language
    updatedAt
    silenceDeadline
    adoptedAt
    adoptionMethod
    publishedAt
    pressReference
    body {
      id
      name
    }
    currentVersion {
      id
      number
      label
      paragraphs {
        key
        kind
        text
      }
      translations {
        id
        language
        title
      }
    }
    versions {
      id
      number
      label
      createdAt
    }
    circulations {
      id
      purpose
      status
      deadline
      version {
        id
        label
      }
      recipients {
        id
        status
        acknowledgedAt
        delegation {
          id
          name
        }
      }
    }
    positions {
      id
      stance
      reason
      delegation {
        id
      }
    }
    consensus {
      versionId
      holds
      entries {
        stance
        delegation {
          id
          name
        }
      }
    }
    silenceProcedure {
      circulationId
      status
      deadline
      launchedAt
      endedAt
      version {
        id
        label
      }
      objection {
        reason
        recordedAt
        delegation {
          id
          name
        }
      }
    }
  }
`);

export const AmendmentRowFields = graphql(`
  fragment AmendmentRow on Amendment {
    id
    action
    status
    paragraphKey
    text
    rationale
    decisionReason
    version {
      id
    }
    delegation {
      id
      name
    }
  }
`);

export const StatementDocument = graphql(`
  query Statement($id: ID!) {
    statement(id: $id) {
      ...StatementDetail
    }
  }
`);

const StatementChangedDocument = graphql(`
  subscription StatementChanged($id: ID!) {
    statementChanged(id: $id) {
      ...StatementDetail
    }
  }
`);

/**
 * While the page is open: each change of the statement (delivery, acknowledgement, position,
 * version…) arrives whole and Apollo merges it into the normalized cache, so the page re-renders.
 */
export function useLiveStatement(id: string): void {
  useSubscription(StatementChangedDocument, { variables: { id } });
}

/** The latest open circulation to one of the user's delegations, and that delegation's recipient row (to answer it). */
export function myOpenCirculation(s: StatementDetailFragment, myDelegationIds: Set<string>) {
  const open = [...s.circulations].reverse().find((c) => c.status === 'OPEN' && c.recipients.some((r) => myDelegationIds.has(r.delegation.id)));
  const recipient = open?.recipients.find((r) => myDelegationIds.has(r.delegation.id));
  return open && recipient ? { open, recipient } : null;
}
