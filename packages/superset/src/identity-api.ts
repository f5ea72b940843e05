// Who we are logged in as, and which Superset version answers.
import { z } from 'zod';
import { isJson, parseJson } from './superset-http.ts';
import type { SupersetClient } from './superset-client.ts';

const MeAnswer = z.object({
  result: z.object({
    username: z.string(),
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
  }),
});

export interface SupersetUser {
  username: string;
  firstName: string;
  lastName: string;
}

export async function currentUser(client: SupersetClient): Promise<SupersetUser> {
  const answer = await client.json({ path: '/api/v1/me/', action: 'tell who is logged in' }, MeAnswer);
  return {
    username: answer.result.username,
    firstName: answer.result.first_name ?? '',
    lastName: answer.result.last_name ?? '',
  };
}

const VersionAnswer = z.object({ version_string: z.string() });

/** The version string from `/version` (Superset ≥ 6), or null where the instance does not expose it. */
export async function supersetVersion(client: SupersetClient): Promise<string | null> {
  const response = await client.http.send({ method: 'GET', path: '/version' });
  if (response.status !== 200 || !isJson(response)) return null;
  const parsed = VersionAnswer.safeParse(parseJson(response));
  return parsed.success && parsed.data.version_string !== 'unknown' ? parsed.data.version_string : null;
}
