// A dashboard repository's tags (releases) as the API speaks of them: list, create, push to the git server, delete.
// A protected environment deploys only tags, so these are how a release is made without the git CLI.
import { z } from 'zod';
import { GitTag } from './git.ts';

const TagName = z.string().min(1).max(250);

export const TagList = z
  .object({
    /** Newest first. */
    items: z.array(GitTag),
  })
  .meta({ id: 'TagList' });
export type TagList = z.infer<typeof TagList>;

export const TagCreate = z
  .object({
    name: TagName,
    /** A branch, tag or commit to tag; the current commit when left out. */
    ref: TagName.optional(),
    /** Makes an annotated tag carrying this message; a lightweight tag when left out. */
    message: z.string().min(1).max(5000).optional(),
  })
  .meta({ id: 'TagCreate' });
export type TagCreate = z.infer<typeof TagCreate>;

export const TagPushRequest = z.object({ name: TagName }).meta({ id: 'TagPushRequest' });
export type TagPushRequest = z.infer<typeof TagPushRequest>;

export const TagDeleteQuery = z.object({
  name: TagName,
  /**
   * Also delete it on the git server (first, so a refusal there leaves the local tag). Without it a pushed tag
   * comes back at the next pull, since a pull fetches the server's tags.
   */
  remote: z.stringbool().default(false),
});
export type TagDeleteQuery = z.infer<typeof TagDeleteQuery>;

export const TagDeleted = z
  .object({
    name: z.string(),
    /** Where the tag stays reachable, so a deletion by mistake can be undone with git. */
    backupRef: z.string(),
    /** Whether it was deleted on the git server too. */
    remote: z.boolean(),
  })
  .meta({ id: 'TagDeleted' });
export type TagDeleted = z.infer<typeof TagDeleted>;
