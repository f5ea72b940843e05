// 50 API clients on 10 dashboards, spread over two server processes that share one PostgreSQL database and one
// data dir (see load-scenario.ts): a commit on one and a sync on the other never meet in one repository.
import { defineLoadTest } from './load-scenario.ts';

defineLoadTest({ servers: 2 });
