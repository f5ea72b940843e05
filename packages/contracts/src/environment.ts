// Superset instances (dev, staging, prod) that superset-git talks to, and their connection test.
import { z } from 'zod';
import { isHttpUrl, ResourceName } from './common.ts';
import { ErrorCode } from './error.ts';

export const SupersetAuthProvider = z.enum(['db', 'ldap']);
export type SupersetAuthProvider = z.infer<typeof SupersetAuthProvider>;

export const EnvironmentName = ResourceName;

/** An http(s) base URL without credentials, stored without a trailing slash. */
export const SupersetUrl = z
  .string()
  .trim()
  .min(1, 'URL is required')
  .refine(isHttpUrl, 'Enter a full http:// or https:// URL, e.g. https://superset.example.com')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.username === '' && url.password === '';
    } catch {
      return true;
    }
  }, 'Put the username and password in their own fields, not in the URL')
  .transform((value) => value.replace(/\/+$/, ''));

const environmentFields = {
  name: EnvironmentName,
  url: SupersetUrl,
  username: z.string().trim().min(1, 'Username is required').max(200),
  provider: SupersetAuthProvider.default('db'),
  verifyTls: z.boolean().default(true),
};

export const EnvironmentCreate = z
  .object({
    ...environmentFields,
    password: z.string().min(1, 'Password is required').max(1000),
    /** Save even when the connection test fails (e.g. the instance is down for maintenance). */
    skipConnectionTest: z.boolean().default(false),
  })
  .meta({ id: 'EnvironmentCreate' });
export type EnvironmentCreate = z.infer<typeof EnvironmentCreate>;
export type EnvironmentCreateInput = z.input<typeof EnvironmentCreate>;

/** Every field optional; an omitted password keeps the saved one (passwords are write-only). */
export const EnvironmentUpdate = z
  .object({
    name: environmentFields.name.optional(),
    url: environmentFields.url.optional(),
    username: environmentFields.username.optional(),
    provider: SupersetAuthProvider.optional(),
    verifyTls: z.boolean().optional(),
    password: z.string().min(1).max(1000).optional(),
    skipConnectionTest: z.boolean().default(false),
  })
  .meta({ id: 'EnvironmentUpdate' });
export type EnvironmentUpdate = z.infer<typeof EnvironmentUpdate>;
export type EnvironmentUpdateInput = z.input<typeof EnvironmentUpdate>;

export const ConnectionTestResult = z
  .object({
    ok: z.boolean(),
    /** Superset's version string when it could be read. */
    supersetVersion: z.string().nullable(),
    /** The Superset account the credentials belong to. */
    user: z.object({ username: z.string(), firstName: z.string(), lastName: z.string() }).nullable(),
    errorCode: ErrorCode.nullable(),
    message: z.string(),
    durationMs: z.number(),
    testedAt: z.iso.datetime(),
  })
  .meta({ id: 'ConnectionTestResult' });
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

export const Environment = z
  .object({
    id: z.number().int(),
    name: z.string(),
    url: z.string(),
    username: z.string(),
    provider: SupersetAuthProvider,
    verifyTls: z.boolean(),
    /** At most the last 4 characters of the saved password, e.g. `••••ab12`. */
    passwordHint: z.string(),
    /** The Superset version the last connection test that reached it read, e.g. `5.0.0`. */
    supersetVersion: z.string().nullable(),
    lastTest: ConnectionTestResult.nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Environment' });
export type Environment = z.infer<typeof Environment>;

export const EnvironmentList = z.object({ items: z.array(Environment) }).meta({ id: 'EnvironmentList' });
export type EnvironmentList = z.infer<typeof EnvironmentList>;

/** A saved environment's connection test, optionally with changed fields not yet saved. */
export const EnvironmentTestInput = EnvironmentUpdate.nullish().meta({ id: 'EnvironmentTestInput' });
export type EnvironmentTestInput = z.infer<typeof EnvironmentTestInput>;
