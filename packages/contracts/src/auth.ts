// Users, sessions and personal API tokens.
import { z } from 'zod';

export const Role = z.enum(['admin', 'editor', 'viewer']);
export type Role = z.infer<typeof Role>;

export const Username = z
  .string()
  .trim()
  .min(1, 'Username is required')
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'Use letters, digits, dot, dash, underscore or @');

export const User = z
  .object({
    id: z.number().int(),
    username: z.string(),
    name: z.string(),
    email: z.string(),
    role: Role,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const LoginRequest = z
  .object({
    username: z.string().min(1, 'Username is required'),
    password: z.string().min(1, 'Password is required'),
  })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Session = z
  .object({
    user: User,
    /** Send back as `x-csrf-token` on every cookie-authenticated POST/PUT/PATCH/DELETE. */
    csrfToken: z.string(),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;

export const Me = z
  .object({ user: User, csrfToken: z.string().nullable(), via: z.enum(['session', 'token']) })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

/** A person's name, as it goes into the commits they make: git takes no control characters and no < > there. */
const PersonName = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(200)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f<>]*$/, 'Use no control characters and no < or > in a name');

export const UserCreate = z
  .object({
    username: Username,
    name: PersonName,
    email: z.email('A valid email is required'),
    role: Role,
    password: z.string().min(10, 'Use at least 10 characters').max(200),
  })
  .meta({ id: 'UserCreate' });
export type UserCreate = z.infer<typeof UserCreate>;

export const ApiTokenCreate = z
  .object({
    name: z.string().trim().min(1, 'Name is required').max(100),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .meta({ id: 'ApiTokenCreate' });
export type ApiTokenCreate = z.infer<typeof ApiTokenCreate>;

export const ApiTokenSummary = z
  .object({
    id: z.number().int(),
    name: z.string(),
    /** First characters of the token, enough to recognise it, never enough to use it. */
    prefix: z.string(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiTokenSummary' });
export type ApiTokenSummary = z.infer<typeof ApiTokenSummary>;

export const ApiTokenCreated = ApiTokenSummary.extend({
  /** Shown once; only a hash is stored. */
  token: z.string(),
}).meta({ id: 'ApiTokenCreated' });
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;

export const UserList = z.object({ items: z.array(User) }).meta({ id: 'UserList' });
export type UserList = z.infer<typeof UserList>;

export const ApiTokenList = z.object({ items: z.array(ApiTokenSummary) }).meta({ id: 'ApiTokenList' });
export type ApiTokenList = z.infer<typeof ApiTokenList>;
