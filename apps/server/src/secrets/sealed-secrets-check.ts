// At start: every sealed secret in the database must open with this server's key, or the server refuses to start.
import { eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { SecretBox } from './secret-box.ts';

/** Each stored secret, named as a person would name it. */
async function sealedSecrets({ orm, t }: Db): Promise<{ what: string; sealed: string }[]> {
  const { deploySettings, environments, gitServers } = t;
  const passwords = (
    await orm.select({ name: environments.name, sealed: environments.passwordSealed }).from(environments)
  ).map((row) => ({ what: `the password of environment "${row.name}"`, sealed: row.sealed }));
  const tokens = (
    await orm.select({ name: gitServers.name, sealed: gitServers.tokenSealed }).from(gitServers)
  ).map((row) => ({ what: `the token of git server "${row.name}"`, sealed: row.sealed }));
  const databases = (
    await orm
      .select({ name: environments.name, sealed: deploySettings.passwordsSealed })
      .from(deploySettings)
      .innerJoin(environments, eq(environments.id, deploySettings.environmentId))
      .where(isNotNull(deploySettings.passwordsSealed))
  ).map((row) => ({ what: `the database passwords of environment "${row.name}"`, sealed: row.sealed! }));
  return [...passwords, ...tokens, ...databases];
}

/**
 * Two servers on one database with different keys (each its own key file, no SUPERSET_GIT_SECRET_KEY) would each
 * fail on the other's secrets at first use; this says so at start instead. `keySource` names where the key came from.
 */
export async function assertSecretsReadable(db: Db, secrets: SecretBox, keySource: string): Promise<void> {
  const unreadable = (await sealedSecrets(db)).filter((secret) => !secrets.canOpen(secret.sealed));
  if (unreadable.length === 0) return;
  const named = unreadable.slice(0, 3).map((secret) => secret.what);
  const more = unreadable.length > 3 ? ` and ${unreadable.length - 3} more` : '';
  throw new Error(
    `this server's key (${keySource}) cannot open secrets stored in its database: ${named.join(', ')}${more}. ` +
      'They were sealed with another key. Every server on one database needs the same key: set the same ' +
      'SUPERSET_GIT_SECRET_KEY on all of them (or give this one the key it was started with before).',
  );
}
