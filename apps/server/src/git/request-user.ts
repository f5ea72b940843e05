// The signed-in user of a request (routes behind `access` always have one).
import type { User } from '@superset-git/contracts';
import { AppError } from '../http/app-error.ts';

export function userOf(request: { auth: { user: User } | null }): User {
  if (!request.auth) throw new AppError('UNAUTHORIZED', 'Log in first.');
  return request.auth.user;
}
