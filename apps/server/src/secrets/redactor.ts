// Scrubs known secret values and token-looking strings out of any text bound for a log or task output.
const MASK = '••••';
/** Short values would mask ordinary words; such passwords are protected by never being logged at all. */
const MIN_LENGTH = 4;
const PATTERNS: RegExp[] = [
  /\bsgt_[A-Za-z0-9_-]{10,}/g,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /(Basic\s+)[A-Za-z0-9+/=]{8,}/gi,
  /(:\/\/[^/\s:@]+:)[^@\s/]+(@)/g,
];

export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string): void {
    if (secret.length >= MIN_LENGTH) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is masked whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join(MASK);
    }
    for (const pattern of PATTERNS) {
      out = out.replace(pattern, (_match, before?: string, after?: string) =>
        typeof before === 'string' ? `${before}${MASK}${typeof after === 'string' ? after : ''}` : MASK,
      );
    }
    return out;
  }
}
