// OpenAPI generated from the zod contracts: the document at /api/openapi.json and the docs UI at /api/docs.
import fs from 'node:fs';
import path from 'node:path';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { runtimePaths } from '../runtime-paths.ts';

export const OPENAPI_PATHS = ['/api/openapi.json', '/api/docs'];

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'superset-git',
        version,
        description:
          'Apache Superset dashboards under git. Authenticate with the session cookie from POST /api/auth/login (then send x-csrf-token on writes) or with a personal API token as `Authorization: Bearer`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'sg_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // Its files by a path that holds in the compiled build too, where the plugin is bundled away from them.
  const docsUi = runtimePaths().docsUi;
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    baseDir: docsUi,
    logo: { type: 'image/svg+xml', content: fs.readFileSync(path.join(docsUi, 'logo.svg')) },
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () =>
    app.swagger(),
  );
}
