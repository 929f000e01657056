import { useEffect, useRef } from 'react';

/** What a notification is about (its `entity`): e.g. { type: 'Meeting', id }. */
export interface EntityRef {
  type: string;
  id: string;
}
type Listener = (entity: EntityRef) => void;

const listeners = new Set<Listener>();

/**
 * A live notification names the thing that changed; a page showing that thing reads it again. The
 * notification subscription (pages/notifications/live.ts) emits, pages listen: no page folder imports
 * another, and no second subscription is opened for things the API has no subscription of their own.
 */
export function emitEntityChanged(entity: EntityRef): void {
  for (const listener of listeners) listener(entity);
}

/** Calls `onChange` whenever a live notification is about this entity. */
export function useEntityChanged(type: string, id: string | undefined, onChange: () => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    if (!id) return;
    const listener: Listener = (e) => {
      if (e.type === type && e.id === id) latest.current();
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [type, id]);
}
