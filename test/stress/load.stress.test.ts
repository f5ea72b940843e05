// 50 API clients on 10 dashboards against one server process on SQLite (see load-scenario.ts).
import { defineLoadTest } from './load-scenario.ts';

defineLoadTest({ servers: 1 });
