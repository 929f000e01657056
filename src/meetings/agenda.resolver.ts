import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { AgendaService } from './agenda.service.js';
import { AddAgendaItemInput, MoveAgendaItemInput, RemoveAgendaItemInput, UpdateAgendaItemInput } from './meeting.inputs.js';
import { AgendaItem } from './meeting.model.js';

@Resolver(() => AgendaItem)
export class AgendaResolver {
  constructor(private readonly agenda: AgendaService) {}

  @Mutation(() => AgendaItem, { description: 'Adds an item (at the end unless a position is given) (ORGANIZER)' })
  async addAgendaItem(@CurrentUser() user: AuthUser, @Args('input') input: AddAgendaItemInput): Promise<AgendaItem> {
    return AgendaItem.from(await this.agenda.add(user, input));
  }

  @Mutation(() => AgendaItem, { description: 'Changes an item’s text, kind, lead or outcome (ORGANIZER)' })
  async updateAgendaItem(@CurrentUser() user: AuthUser, @Args('input') input: UpdateAgendaItemInput): Promise<AgendaItem> {
    return AgendaItem.from(await this.agenda.update(user, input));
  }

  @Mutation(() => AgendaItem, { description: 'Moves an item; the others shift so positions stay 1..n (ORGANIZER)' })
  async moveAgendaItem(@CurrentUser() user: AuthUser, @Args('input') input: MoveAgendaItemInput): Promise<AgendaItem> {
    return AgendaItem.from(await this.agenda.move(user, input));
  }

  @Mutation(() => AgendaItem, { description: 'Removes an item; returns it as it was (ORGANIZER)' })
  async removeAgendaItem(@CurrentUser() user: AuthUser, @Args('input') input: RemoveAgendaItemInput): Promise<AgendaItem> {
    return AgendaItem.from(await this.agenda.remove(user, input.agendaItemId));
  }
}
