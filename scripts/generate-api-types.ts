// `npm run api:generate`: rewrite the API client's types (packages/api-client) after a contract or route changed.
import fs from 'node:fs';
import { API_TYPES_FILE, generateApiTypes } from './api-types.ts';

fs.writeFileSync(API_TYPES_FILE, await generateApiTypes());
console.log(`wrote ${API_TYPES_FILE}`);
