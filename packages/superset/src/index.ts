// Superset REST client: sessions, listing, connection tests (bundles and deploys join later).
export * from './superset-error.ts';
export * from './superset-client.ts';
export * from './dashboards-api.ts';
export * from './identity-api.ts';
export { testConnection } from './connection-test.ts';
export { rison } from './rison.ts';
