// A bundle that cannot be read, normalized or rebuilt, with the reason a person can act on.
export class BundleError extends Error {
  constructor(
    message: string,
    /** The bundle file the problem is in, when there is one. */
    readonly file: string | null = null,
  ) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'BundleError';
  }
}
