// Every request, response, event and stored record of superset-git, as zod schemas.
export * from './error.ts';
export * from './common.ts';
export * from './health.ts';
export * from './auth.ts';
export * from './environment.ts';
export * from './dashboard.ts';
export * from './task.ts';
export * from './git.ts';
export * from './git-server.ts';
export * from './dashboard-repo.ts';
export * from './branches.ts';
export * from './tags.ts';
export * from './pull-requests.ts';
export * from './deploy.ts';
export * from './version.ts';
export * from './network-failure.ts';
