// `npm run superset:down -- --name dev`: stops that instance (its data stays for the next start).
import { parseArgs } from 'node:util';
import { stopSuperset } from './superset-instance.ts';

const { values } = parseArgs({ options: { name: { type: 'string', default: 'dev' } } });
await stopSuperset(values.name);
process.stderr.write(`Superset '${values.name}' stopped\n`);
