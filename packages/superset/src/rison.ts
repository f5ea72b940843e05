// Encodes values as Rison, the URL-friendly notation Superset's list and export endpoints take in `q`.
export type RisonValue =
  string | number | boolean | null | RisonValue[] | { [key: string]: RisonValue | undefined };

const BARE_ID = /^[A-Za-z_./~-][A-Za-z0-9_./~-]*$/;

function encodeString(value: string): string {
  if (value !== '' && BARE_ID.test(value) && value !== 'true' && value !== 'false' && value !== 'null')
    return value;
  return `'${value.replace(/!/g, '!!').replace(/'/g, "!'")}'`;
}

export function rison(value: RisonValue): string {
  if (value === null) return '!n';
  if (value === true) return '!t';
  if (value === false) return '!f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('Rison cannot encode a non-finite number');
    return String(value);
  }
  if (typeof value === 'string') return encodeString(value);
  if (Array.isArray(value)) return `!(${value.map(rison).join(',')})`;
  const parts = Object.entries(value)
    .filter((entry): entry is [string, RisonValue] => entry[1] !== undefined)
    .map(([key, item]) => `${encodeString(key)}:${rison(item)}`);
  return `(${parts.join(',')})`;
}
