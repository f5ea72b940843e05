// The superset-git version, from the root package.json (bundled into the CLI as it is).
import rootPackage from '../../../package.json' with { type: 'json' };

export const VERSION: string = rootPackage.version;
