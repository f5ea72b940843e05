// `npm run superset:down -- --name dev [--reset]`: stops that instance; its data stays for the next start unless
// --reset removes it (the next start is fresh from its template).
import { parseArgs } from 'node:util';
import { resetSuperset, stopSuperset } from './superset-instance.ts';

const { values } = parseArgs({
  options: { name: { type: 'string', default: 'dev' }, reset: { type: 'boolean', default: false } },
});
if (values.reset) await resetSuperset(values.name);
else await stopSuperset(values.name);
process.stderr.write(`Superset '${values.name}' ${values.reset ? 'stopped and reset' : 'stopped'}\n`);
