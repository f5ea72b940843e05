// A dashboard repository's tags (releases): list, create, delete (here, and on the git server when asked), and
// push one as a task with the git server's token, like a branch push.
import type { GitTag, Task, TagCreate, TagDeleted, TagDeleteQuery, User } from '@superset-git/contracts';
import {
  createTag,
  deleteRemoteTag,
  deleteTag,
  GitError,
  listTags,
  pushTag,
  tagExists,
} from '@superset-git/git';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import type { TaskRunner } from '../tasks/task-runner.ts';

export class TagsService {
  constructor(
    private readonly repos: DashboardReposService,
    private readonly tasks: TaskRunner,
  ) {}

  async list(uuid: string): Promise<GitTag[]> {
    return listTags((await this.repos.open(uuid)).repo);
  }

  async create(uuid: string, input: TagCreate): Promise<GitTag> {
    return createTag((await this.repos.open(uuid)).repo, input);
  }

  /** On the git server first when asked: a refusal there leaves the local tag as it was. */
  async delete(uuid: string, input: TagDeleteQuery): Promise<TagDeleted> {
    const { row, repo } = await this.repos.open(uuid);
    if (input.remote && (await tagExists(repo, input.name)))
      await deleteRemoteTag(repo, { name: input.name, credentials: await this.repos.credentials(row) });
    const { backupRef } = await deleteTag(repo, { name: input.name });
    return { name: input.name, backupRef, remote: input.remote };
  }

  /** An unknown tag is refused now, not in a task that fails. */
  async startPush(uuid: string, name: string, user: User): Promise<Task> {
    const { row, repo } = await this.repos.open(uuid);
    if (!(await tagExists(repo, name)))
      throw new GitError('GIT_TAG_NOT_FOUND', `There is no tag named '${name}'.`);
    return await this.tasks.start(
      {
        kind: 'dashboard.push-tag',
        title: `Push tag ${name} of ${await this.repos.label(uuid)}`,
        createdBy: user.id,
      },
      async (context) =>
        pushTag(repo, {
          name,
          credentials: await this.repos.credentials(row),
          onProgress: (line) => context.log(line),
        }),
    );
  }
}
