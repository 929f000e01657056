import { registerEnumType } from '@nestjs/graphql';

export enum DelegationKind {
  EU_INSTITUTION = 'EU_INSTITUTION',
  MEMBER_STATE = 'MEMBER_STATE',
  THIRD_COUNTRY = 'THIRD_COUNTRY',
  INTERNATIONAL_ORGANISATION = 'INTERNATIONAL_ORGANISATION',
}
registerEnumType(DelegationKind, { name: 'DelegationKind' });

export enum DelegateRole {
  HEAD_OF_DELEGATION = 'HEAD_OF_DELEGATION',
  DELEGATE = 'DELEGATE',
  EXPERT = 'EXPERT',
  CLERK = 'CLERK',
}
registerEnumType(DelegateRole, { name: 'DelegateRole' });

export enum BodyKind {
  MINISTERIAL = 'MINISTERIAL',
  SENIOR_OFFICIALS = 'SENIOR_OFFICIALS',
  WORKING_PARTY = 'WORKING_PARTY',
}
registerEnumType(BodyKind, { name: 'BodyKind' });
