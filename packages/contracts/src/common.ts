// Small shapes shared by many routes.
import { z } from 'zod';

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export type IdParams = z.infer<typeof IdParams>;

/**
 * A Superset object's uuid: any 8-4-4-4-12 hex string. Superset's own example dashboards use uuids that are not
 * RFC 4122 variants (e.g. `04f79081-fb49-7bac-7f14-cc76cd2ad93b`), which a strict uuid check refuses.
 */
export const SupersetUuid = (message = 'Give a uuid (8-4-4-4-12 hex digits)') => z.guid(message);

export const Ok = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' });
export type Ok = z.infer<typeof Ok>;

/** A display name people type: environments, git servers. */
export const ResourceName = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(64, 'Use at most 64 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/,
    'Start with a letter or digit; then letters, digits, space, dot, dash, underscore',
  );

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
