// Git servers (GitHub, GitLab, Gitea or any plain git server) that hold the dashboards' repositories.
import { z } from 'zod';
import { isHttpUrl, ResourceName } from './common.ts';
import { ErrorCode } from './error.ts';

export const GitProvider = z.enum(['github', 'gitlab', 'gitea', 'generic']);
export type GitProvider = z.infer<typeof GitProvider>;

export const GitServerName = ResourceName;

/**
 * The server's base URL: the API root for GitHub (https://api.github.com, or https://HOST/api/v3 for
 * Enterprise), the instance root for GitLab and Gitea, where repositories live for a plain git server.
 * Credentials pasted into it are taken out and kept as the token.
 */
export const GitServerUrl = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine(isHttpUrl, 'Enter a full http:// or https:// URL, e.g. https://gitlab.example.com');

const Owner = z
  .string()
  .trim()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'Letters, digits, dot, dash, underscore and / for sub-groups')
  .nullable();

const Username = z
  .string()
  .trim()
  .max(200)
  .regex(/^[^\s:]+$/, 'No spaces or colons')
  .nullable();

export const GitServerCreate = z
  .object({
    name: GitServerName,
    provider: GitProvider,
    /** Optional for GitHub (github.com); required for the others. */
    url: GitServerUrl.optional(),
    /** Personal access token; may instead be pasted into the URL. */
    token: z.string().trim().min(1).max(2000).optional(),
    /** Organization (GitHub, Gitea) or group (GitLab) new repositories go to; the token's user when empty. */
    defaultOwner: Owner.optional().default(null),
    /** User name for git over HTTPS, for plain servers that need one; providers have their own rule. */
    username: Username.optional().default(null),
    verifyTls: z.boolean().default(true),
    /** Save even when the token check fails (e.g. the server is down for maintenance). */
    skipConnectionTest: z.boolean().default(false),
  })
  .meta({ id: 'GitServerCreate' });
export type GitServerCreate = z.infer<typeof GitServerCreate>;
export type GitServerCreateInput = z.input<typeof GitServerCreate>;

/** Every field optional; an omitted token keeps the saved one (tokens are write-only). */
export const GitServerUpdate = z
  .object({
    name: GitServerName.optional(),
    provider: GitProvider.optional(),
    url: GitServerUrl.optional(),
    token: z.string().trim().min(1).max(2000).optional(),
    defaultOwner: Owner.optional(),
    username: Username.optional(),
    verifyTls: z.boolean().optional(),
    skipConnectionTest: z.boolean().default(false),
  })
  .meta({ id: 'GitServerUpdate' });
export type GitServerUpdate = z.infer<typeof GitServerUpdate>;
export type GitServerUpdateInput = z.input<typeof GitServerUpdate>;

export const GitServerTestResult = z
  .object({
    ok: z.boolean(),
    /** The account the token belongs to, where the server tells. */
    account: z
      .object({ login: z.string(), name: z.string().nullable(), email: z.string().nullable() })
      .nullable(),
    /** Scopes of the token, where the provider reports them (GitHub classic tokens, GitLab). */
    scopes: z.array(z.string()).nullable(),
    errorCode: ErrorCode.nullable(),
    message: z.string(),
    /** New repositories can be made there: always for GitHub, GitLab and Gitea; a plain server when it offers to. */
    createsRepositories: z.boolean().default(false),
    durationMs: z.number(),
    testedAt: z.iso.datetime(),
  })
  .meta({ id: 'GitServerTestResult' });
export type GitServerTestResult = z.infer<typeof GitServerTestResult>;

export const GitServer = z
  .object({
    id: z.number().int(),
    name: z.string(),
    provider: GitProvider,
    url: z.string(),
    defaultOwner: z.string().nullable(),
    username: z.string().nullable(),
    verifyTls: z.boolean(),
    /** At most the last 4 characters of the saved token, e.g. `••••ab12`. */
    tokenHint: z.string(),
    lastTest: GitServerTestResult.nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'GitServer' });
export type GitServer = z.infer<typeof GitServer>;

export const GitServerList = z.object({ items: z.array(GitServer) }).meta({ id: 'GitServerList' });
export type GitServerList = z.infer<typeof GitServerList>;

/** A saved git server's token check, optionally with changed fields not yet saved. */
export const GitServerTestInput = GitServerUpdate.nullish().meta({ id: 'GitServerTestInput' });
export type GitServerTestInput = z.infer<typeof GitServerTestInput>;
