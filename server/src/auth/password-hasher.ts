import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** argon2id with the library's defaults (OWASP-recommended parameters). */
@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  /** One argon2 verification: the only place a password is checked against a hash. */
  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /**
   * Exactly one `verify`, against the account's hash or, when there is no account, against a
   * dummy hash made with the same parameters: every sign-in path spends the same work, so an
   * answer's timing does not tell whether the email has an account.
   */
  async verifyOrDummy(hash: string | null, password: string): Promise<boolean> {
    if (hash !== null) return this.verify(hash, password);
    this.dummyHash ??= this.hash('privacy-desk-dummy-password');
    const dummy = await this.dummyHash;
    await this.verify(dummy, password);
    return false;
  }
}
