import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import ms from 'ms';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error.js';
import { AppConfig } from '../config/app-config.js';
import { type AuthUser } from './auth-user.js';
import { type LoginInput } from './auth.inputs.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { UserEntity } from './user.entity.js';
import { hashPassword, UsersService } from './users.service.js';

interface TokenClaims {
  sub: string;
  role: string;
}

const INVALID_LOGIN = 'Invalid e-mail address or password';

@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so both failures take the same time. */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly throttle: LoginThrottleService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    this.dummyHash = hashPassword('not-a-real-password-0123456789');
    this.dummyHash.catch(() => undefined);
  }

  async login(input: LoginInput, ip: string): Promise<{ accessToken: string; expiresAt: Date; user: UserEntity }> {
    await this.throttle.assertAllowed(input.email, ip);
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: input.email })
      .getOne();
    const valid = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), input.password);
    if (!user || !valid || !user.active) {
      await this.throttle.recordFailure(input.email, ip);
      throw AppError.unauthenticated(INVALID_LOGIN);
    }
    await this.throttle.recordSuccess(input.email, ip);
    const claims: TokenClaims = { sub: user.id, role: user.role };
    const accessToken = await this.jwt.signAsync(claims);
    const expiresAt = new Date(Date.now() + ms(this.config.jwt.expiresIn as ms.StringValue));
    return { accessToken, expiresAt, user };
  }

  /** Signs a token for a user without a password check: for tests and trusted tooling only. */
  issueToken(user: Pick<UserEntity, 'id' | 'role'>): Promise<string> {
    return this.jwt.signAsync({ sub: user.id, role: user.role } satisfies TokenClaims);
  }

  /** The user behind a bearer token, or null when the token is invalid, expired or the user disabled. */
  async authenticate(authorization: string | undefined | null): Promise<AuthUser | null> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return null;
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      return null;
    }
    return this.users.loadAuthUser(claims.sub);
  }
}
