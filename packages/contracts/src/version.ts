// The superset-git version every part reports (server, CLI, OpenAPI document), from the root package.json.
import rootPackage from '../../../package.json' with { type: 'json' };

export const VERSION: string = rootPackage.version;
