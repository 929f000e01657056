import { Stance } from '../core/statement.enums.js';

/** Stances listed with an adoption: they did not stop it (an OBJECTION would have). */
export const RESERVATION_STANCES: ReadonlySet<Stance> = new Set([Stance.SCRUTINY_RESERVATION, Stance.RESERVATION]);

/**
 * The reservations that stood when the version was adopted: per delegation its latest stance on
 * the version recorded at or before `adoptedAt`, kept when it is a reservation. Later changes do
 * not rewrite what was adopted.
 */
export function reservationsAtAdoption<P extends { delegationId: string; stance: Stance; recordedAt: Date }>(positions: readonly P[], adoptedAt: Date): P[] {
  const latest = new Map<string, P>();
  for (const p of [...positions].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime())) {
    if (p.recordedAt.getTime() <= adoptedAt.getTime()) latest.set(p.delegationId, p);
  }
  return [...latest.values()].filter((p) => RESERVATION_STANCES.has(p.stance));
}

/**
 * The reservations listed with a statement's adoption, read the same way by Statement.adoptionReservations
 * and the adoption notice: the statement's positions on its adopted version, as they stood at
 * adoption (none before adoption).
 */
export function adoptionReservations<P extends { versionId: string; delegationId: string; stance: Stance; recordedAt: Date }>(
  statement: { adoptedVersionId: string | null; adoptedAt: Date | null },
  positions: readonly P[],
): P[] {
  if (!statement.adoptedVersionId || !statement.adoptedAt) return [];
  return reservationsAtAdoption(
    positions.filter((p) => p.versionId === statement.adoptedVersionId),
    statement.adoptedAt,
  );
}
