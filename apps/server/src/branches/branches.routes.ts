// /api/dashboards/{uuid}/branches and /switch: list, create and delete branches, and switch (Superset follows).
import {
  BranchCreate,
  BranchCreated,
  BranchDeleted,
  BranchDeleteQuery,
  BranchList,
  BranchSwitchRequest,
  BranchSwitchResult,
  DashboardUuidParams as params,
} from '@superset-git/contracts';
import { caller } from '../auth/auth.hook.ts';
import { USE_CASE_ERRORS as errors, type ZodApp } from '../http/zod-app.ts';
import type { BranchesService } from './branches.service.ts';
import type { SwitchBranchService } from './switch-branch.service.ts';

const tags = ['dashboards in git'];

export function branchesRoutes(app: ZodApp, branches: BranchesService, switcher: SwitchBranchService): void {
  app.get(
    '/dashboards/:uuid/branches',
    {
      schema: {
        tags,
        summary: 'Local and remote branches with last commit and ahead/behind',
        params,
        response: { 200: BranchList, ...errors },
      },
    },
    async (request) => ({ items: await branches.list(request.params.uuid) }),
  );

  app.post(
    '/dashboards/:uuid/branches',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Create a branch from any branch, tag or commit',
        params,
        body: BranchCreate,
        response: { 201: BranchCreated, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await branches.create(request.params.uuid, request.body)),
  );

  app.delete(
    '/dashboards/:uuid/branches',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Delete a branch (not the current one); its commits stay reachable from a backup ref',
        params,
        querystring: BranchDeleteQuery,
        response: { 200: BranchDeleted, ...errors },
      },
    },
    async (request) => branches.delete(request.params.uuid, request.query),
  );

  app.post(
    '/dashboards/:uuid/switch',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Switch branch and import that version into the dashboard’s Superset',
        params,
        body: BranchSwitchRequest,
        response: { 200: BranchSwitchResult, ...errors },
      },
    },
    async (request) => switcher.switch(request.params.uuid, request.body, caller(request).user),
  );
}
