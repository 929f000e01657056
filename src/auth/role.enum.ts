import { registerEnumType } from '@nestjs/graphql';

/** Platform role of a user; what a user may do for a delegation is decided by membership. */
export enum Role {
  ADMIN = 'ADMIN',
  ORGANIZER = 'ORGANIZER',
  CLERK = 'CLERK',
  DELEGATE = 'DELEGATE',
  OBSERVER = 'OBSERVER',
}

registerEnumType(Role, { name: 'Role', description: 'Platform role of a user' });
