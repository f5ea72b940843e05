// A connected dashboard repository's remote: attach or change it (optionally creating the repository), detach it.
import { z } from 'zod';
import { DashboardRepo } from './dashboard-repo.ts';

/** `owner/name` (a group path on GitLab, a name on a plain git server), or the repository's full https URL. */
export const RemoteRepository = z
  .string()
  .trim()
  .min(1, 'Give the repository, e.g. team/sales-dashboard')
  .max(500)
  .refine(
    (value) =>
      /^https?:\/\//i.test(value) ||
      /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(value),
    'Give the repository as owner/name (letters, digits, dots, dashes, underscores) or its https URL',
  );

export const RemoteSet = z
  .object({
    /** The git server that holds the token for the repository. */
    gitServerId: z.number().int().positive(),
    repository: RemoteRepository,
    /** Create the repository on the git server first (GitHub, GitLab, Gitea, or a plain server that can). */
    create: z.boolean().default(false),
  })
  .meta({ id: 'RemoteSet' });
export type RemoteSet = z.infer<typeof RemoteSet>;
export type RemoteSetInput = z.input<typeof RemoteSet>;

export const RemoteSetResult = z
  .object({
    repo: DashboardRepo,
    /** The repository was created on the git server by this request. */
    created: z.boolean(),
    /** The current branch's counterpart on the remote (now its upstream); null while not published. */
    upstream: z.string().nullable(),
  })
  .meta({ id: 'RemoteSetResult' });
export type RemoteSetResult = z.infer<typeof RemoteSetResult>;
