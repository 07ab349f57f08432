import { Module } from '@nestjs/common';
import { PasswordHasher } from './password-hasher.js';
import { SessionRepository } from './session.repository.js';

/** Session storage and password hashing, shared by sign-in and user management. */
@Module({
  providers: [SessionRepository, PasswordHasher],
  exports: [SessionRepository, PasswordHasher],
})
export class SessionsModule {}
