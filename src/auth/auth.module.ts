import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type ms from 'ms';
import { AppConfig } from '../config/app-config.js';
import { AuthCache } from './auth-cache.js';
import { AuthLocalCache } from './auth-local-cache.js';
import { AuthGuard } from './auth.guard.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { OidcClient } from './oidc/oidc-client.js';
import { OidcController } from './oidc/oidc.controller.js';
import { OidcResolver } from './oidc/oidc.resolver.js';
import { OidcService } from './oidc/oidc.service.js';
import { UsersResolver } from './users.resolver.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject: jsonwebtoken otherwise tries (and fails) createPublicKey on every verify.
        secret: createSecretKey(Buffer.from(config.jwt.secret, 'utf8')),
        signOptions: { expiresIn: config.jwt.expiresIn as ms.StringValue, issuer: 'concordia' },
        verifyOptions: { issuer: 'concordia', algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [OidcController],
  providers: [
    OidcClient,
    OidcService,
    OidcResolver,
    AuthCache,
    AuthLocalCache,
    AuthService,
    UsersService,
    LoginThrottleService,
    AuthResolver,
    UsersResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, UsersService, AuthCache],
})
export class AuthModule {}
