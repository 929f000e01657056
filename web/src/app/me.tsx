import { useQuery } from '@apollo/client/react';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { graphql } from '../gql';
import type { MeQuery } from '../gql/graphql';
import { applyAccountLanguage } from '../i18n/i18n';

export const MeDocument = graphql(`
  query Me {
    me {
      id
      name
      email
      role
      locale
      timezone
      memberships {
        delegateRole
        delegation {
          id
          code
          name
        }
      }
    }
    unreadNotificationCount
  }
`);

export type Me = MeQuery['me'];

const MeContext = createContext<Me | null>(null);

/** The signed-in user, for every page (language, time zone, delegation); loaded once per session. */
export function MeProvider({ children }: { children: ReactNode }) {
  const { data } = useQuery(MeDocument);
  const me = data?.me ?? null;
  useEffect(() => applyAccountLanguage(me?.locale), [me?.locale]);
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

export function useMe(): Me | null {
  return useContext(MeContext);
}
