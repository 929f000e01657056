import { registerEnumType } from '@nestjs/graphql';

export enum StatementClassification {
  PUBLIC = 'PUBLIC',
  LIMITE = 'LIMITE',
  RESTRICTED = 'RESTRICTED',
}
registerEnumType(StatementClassification, { name: 'StatementClassification' });

/** The whole lifecycle of DESIGN.md; the allowed moves are in statement-lifecycle.ts. */
export enum StatementStatus {
  DRAFTING = 'DRAFTING',
  CIRCULATED = 'CIRCULATED',
  SILENCE_PROCEDURE = 'SILENCE_PROCEDURE',
  ADOPTED = 'ADOPTED',
  PUBLISHED = 'PUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(StatementStatus, { name: 'StatementStatus' });

export enum AdoptionMethod {
  /** Every member delegation supports or abstains, and a clerk adopts (adoptStatement). */
  CONSENSUS = 'CONSENSUS',
  /** No member delegation objected before the silence deadline. */
  SILENCE = 'SILENCE',
}
registerEnumType(AdoptionMethod, { name: 'AdoptionMethod' });

export enum ParagraphKind {
  PREAMBLE = 'PREAMBLE',
  OPERATIVE = 'OPERATIVE',
  GOAL = 'GOAL',
}
registerEnumType(ParagraphKind, { name: 'ParagraphKind' });

export enum CirculationPurpose {
  INFORMATION = 'INFORMATION',
  COMMENTS = 'COMMENTS',
  /** Launched by launchSilenceProcedure, not by circulateStatement. */
  SILENCE = 'SILENCE',
}
registerEnumType(CirculationPurpose, { name: 'CirculationPurpose' });

export enum CirculationStatus {
  OPEN = 'OPEN',
  /** The deadline passed; later answers are kept and marked late. For SILENCE: silence concluded (adopted). */
  CLOSED = 'CLOSED',
  /** SILENCE only: a delegation objected before the deadline. */
  BROKEN = 'BROKEN',
}
registerEnumType(CirculationStatus, { name: 'CirculationStatus' });

export enum RecipientStatus {
  QUEUED = 'QUEUED',
  DELIVERED = 'DELIVERED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  FAILED = 'FAILED',
}
registerEnumType(RecipientStatus, { name: 'RecipientStatus' });

export enum AmendmentAction {
  REPLACE = 'REPLACE',
  DELETE = 'DELETE',
  INSERT_AFTER = 'INSERT_AFTER',
}
registerEnumType(AmendmentAction, { name: 'AmendmentAction' });

export enum AmendmentStatus {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(AmendmentStatus, { name: 'AmendmentStatus' });

export enum AmendmentDecision {
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(AmendmentDecision, { name: 'AmendmentDecision' });

export enum Stance {
  SUPPORT = 'SUPPORT',
  SCRUTINY_RESERVATION = 'SCRUTINY_RESERVATION',
  RESERVATION = 'RESERVATION',
  ABSTAIN = 'ABSTAIN',
  OBJECTION = 'OBJECTION',
}
registerEnumType(Stance, { name: 'Stance' });

/** Stances that must give a reason. */
export const STANCES_NEEDING_REASON: ReadonlySet<Stance> = new Set([Stance.SCRUTINY_RESERVATION, Stance.RESERVATION, Stance.OBJECTION]);

/** Stances that let consensus hold. */
export const CONSENTING_STANCES: ReadonlySet<Stance> = new Set([Stance.SUPPORT, Stance.ABSTAIN]);

export enum ParagraphChangeType {
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  CHANGED = 'CHANGED',
  MOVED = 'MOVED',
}
registerEnumType(ParagraphChangeType, { name: 'ParagraphChangeType' });

export enum WordOp {
  EQUAL = 'EQUAL',
  INSERT = 'INSERT',
  DELETE = 'DELETE',
}
registerEnumType(WordOp, { name: 'WordOp' });
