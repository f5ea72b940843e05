// @superset-git/api-client: the one way the web, the CLI and the tests call the superset-git API.
import type { components } from './schema';

export type { components, paths } from './schema';
/** Every request and response schema of the API by its contract name, e.g. `Schemas['Environment']`. */
export type Schemas = components['schemas'];
export type TaskDetail = Schemas['TaskDetail'];
export type TaskLogLine = Schemas['TaskLogLine'];
export type ApiError = Schemas['ApiError'];

export {
  createApiClient,
  dataOf,
  type ApiClient,
  type ApiClientOptions,
  type DataMethod,
  type RawAnswer,
} from './api-client.ts';
export { ApiRequestError, type ApiErrorCode } from './api-request-error.ts';
export { followTask, SETTLED_TASK_STATES, TaskTimeoutError, type FollowTaskOptions } from './follow-task.ts';
