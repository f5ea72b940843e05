// Creating users, and the first admin on a fresh data dir.
import crypto from 'node:crypto';
import type { User, UserCreate } from '@superset-git/contracts';
import { AppError } from '../http/app-error.ts';
import { hashPassword } from '../auth/password.ts';
import { toUser, type UsersStore } from './users.store.ts';

export class UsersService {
  constructor(private readonly users: UsersStore) {}

  async list(): Promise<User[]> {
    return (await this.users.list()).map(toUser);
  }

  async create(input: UserCreate): Promise<User> {
    if (await this.users.byUsername(input.username)) {
      throw new AppError('CONFLICT', `User '${input.username}' already exists.`, {
        username: 'already exists',
      });
    }
    const { password, ...rest } = input;
    return toUser(await this.users.insert({ ...rest, passwordHash: await hashPassword(password) }));
  }

  /** Creates `admin` when there are no users; returns the password only when it was generated here. */
  async ensureAdmin(
    configuredPassword?: string,
  ): Promise<{ created: boolean; generatedPassword: string | null }> {
    if ((await this.users.count()) > 0) return { created: false, generatedPassword: null };
    const password = configuredPassword ?? crypto.randomBytes(12).toString('base64url');
    // Another server on the same database may be creating it at this moment: the first insert wins.
    const created = await this.users.insertUnlessTaken({
      username: 'admin',
      name: 'Administrator',
      email: 'admin@localhost',
      role: 'admin',
      passwordHash: await hashPassword(password),
    });
    if (!created) return { created: false, generatedPassword: null };
    return { created: true, generatedPassword: configuredPassword ? null : password };
  }
}
