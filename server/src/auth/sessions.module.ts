import { Module } from '@nestjs/common';
import { LoginThrottleRepository } from './login-throttle.repository.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionRepository } from './session.repository.js';

/** Session storage, password hashing and sign-in throttles, shared by sign-in and user management. */
@Module({
  providers: [SessionRepository, PasswordHasher, LoginThrottleRepository],
  exports: [SessionRepository, PasswordHasher, LoginThrottleRepository],
})
export class SessionsModule {}
