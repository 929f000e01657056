import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { InvitationsService } from './invitations.service.js';
import { InviteDelegationsInput, RecordAttendanceInput, RespondToInvitationInput, SaveOutcomeOfProceedingsInput } from './meeting.inputs.js';
import { MeetingParticipant, MinutesRevision } from './meeting.model.js';
import { MinutesService } from './minutes.service.js';

@Resolver(() => MeetingParticipant)
export class InvitationsResolver {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly minutes: MinutesService,
  ) {}

  @Mutation(() => [MeetingParticipant], { description: 'Invites delegations, by default the body’s members; returns all participants (ORGANIZER)' })
  async inviteDelegations(@CurrentUser() user: AuthUser, @Args('input') input: InviteDelegationsInput): Promise<MeetingParticipant[]> {
    return (await this.invitations.invite(user, input)).map(MeetingParticipant.from);
  }

  @Mutation(() => MeetingParticipant, { description: 'Answers for your delegation and accredits its people' })
  async respondToInvitation(@CurrentUser() user: AuthUser, @Args('input') input: RespondToInvitationInput): Promise<MeetingParticipant> {
    return MeetingParticipant.from(await this.invitations.respond(user, input));
  }

  @Mutation(() => [MeetingParticipant], { description: 'Records who attended (ORGANIZER, once in session)' })
  async recordAttendance(@CurrentUser() user: AuthUser, @Args('input') input: RecordAttendanceInput): Promise<MeetingParticipant[]> {
    return (await this.invitations.recordAttendance(user, input)).map(MeetingParticipant.from);
  }

  @Mutation(() => MinutesRevision, { description: 'Saves a new revision of the outcome of proceedings (ORGANIZER, CLERK)' })
  async saveOutcomeOfProceedings(@CurrentUser() user: AuthUser, @Args('input') input: SaveOutcomeOfProceedingsInput): Promise<MinutesRevision> {
    return MinutesRevision.from(await this.minutes.save(user, input));
  }
}
