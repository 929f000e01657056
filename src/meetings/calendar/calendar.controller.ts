import { Controller, Get, Header, Param } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { type AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { Public } from '../../auth/public.decorator.js';
import { AppError } from '../../common/errors/app-error.js';
import { CalendarService } from './calendar.service.js';

const ICS = 'text/calendar; charset=utf-8';

@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** One meeting; needs the bearer token, and the meeting must be visible to its owner. */
  @Get('meetings/:file')
  @Header('Content-Type', ICS)
  @Header('Cache-Control', 'private, no-store')
  meeting(@CurrentUser() user: AuthUser, @Param('file') file: string): Promise<string> {
    const id = file.replace(/\.ics$/, '');
    if (!isUUID(id)) throw AppError.notFound('Meeting');
    return this.calendar.meetingIcs(user, id);
  }

  /** The personal feed: the token in the URL is the credential (calendar apps send no headers). */
  @Public()
  @Get('feed/:file')
  @Header('Content-Type', ICS)
  @Header('Cache-Control', 'private, no-store')
  feed(@Param('file') file: string): Promise<string> {
    const token = file.replace(/\.ics$/, '');
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw AppError.notFound('Calendar feed');
    return this.calendar.feedIcs(token);
  }
}
