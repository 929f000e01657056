import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination/connection.js';
import { User } from './user.model.js';

@ObjectType()
export class UserConnection extends Connection(User) {}
