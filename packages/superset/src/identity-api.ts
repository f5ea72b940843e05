// Who we are logged in as, and which Superset release answers (cached per client: the API differs by release).
import { z } from 'zod';
import { isJson, parseJson } from './superset-http.ts';
import type { SupersetClient } from './superset-client.ts';
import { SupersetError } from './superset-error.ts';
import { answersMe, releaseOf, type SupersetRelease } from './versions/superset-release.ts';

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

/**
 * The logged-in account. Superset 4.1, 5.0 and 6.0 answer `/api/v1/me/` with 401 to a token (JWT) client even
 * after a good login; there the account is the one that logged in, and its names are not told.
 */
export async function currentUser(client: SupersetClient): Promise<SupersetUser> {
  const fromLogin = { username: client.connection.username, firstName: '', lastName: '' };
  // Asking would cost a 401, a token refresh and a second 401.
  if (!answersMe(await supersetRelease(client)) && client.loggedIn) return fromLogin;
  try {
    const answer = await client.json({ path: '/api/v1/me/', action: 'tell who is logged in' }, MeAnswer);
    return {
      username: answer.result.username,
      firstName: answer.result.first_name ?? '',
      lastName: answer.result.last_name ?? '',
    };
  } catch (error) {
    if (!(error instanceof SupersetError) || error.status !== 401 || !client.loggedIn) throw error;
    return fromLogin;
  }
}

const VersionInfo = z.object({ version: z.string() });
const VersionAnswer = z.object({ version_string: z.string() });

async function publicJson<T>(client: SupersetClient, path: string, schema: z.ZodType<T>): Promise<T | null> {
  const response = await client.http.send({ method: 'GET', path });
  if (response.status !== 200 || !isJson(response)) return null;
  try {
    const parsed = schema.safeParse(parseJson(response));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The version string, e.g. `5.0.0`, or null where the instance does not tell. Both answer without a login:
 * `/version` from 6.1 on, `/static/version_info.json` on 4.1–6.0 (6.1 no longer serves it).
 */
export async function supersetVersion(client: SupersetClient): Promise<string | null> {
  const answer = await publicJson(client, '/version', VersionAnswer);
  const version =
    answer?.version_string ?? (await publicJson(client, '/static/version_info.json', VersionInfo))?.version;
  return version && version !== 'unknown' && version !== '0.0.0dev' ? version : null;
}

const releases = new WeakMap<SupersetClient, Promise<SupersetRelease>>();

/** The release this client talks to, asked once per client (a failed ask is asked again next time). */
export function supersetRelease(client: SupersetClient): Promise<SupersetRelease> {
  let release = releases.get(client);
  if (!release) {
    release = supersetVersion(client).then(releaseOf);
    release.catch(() => releases.delete(client));
    releases.set(client, release);
  }
  return release;
}
