// Gives the seeded objects the same uuids in every template, whatever the Superset release: the seed goes through
// the REST API, which makes random uuids, and a dashboard promoted from a 6.1 instance to a 4.1 one must be the
// same dashboard there (the same uuid), as it is between a real team's dev and prod. Written into the template's
// metadata DB (uuids are 16-byte blobs there) while no server runs.
import { execFileSync } from 'node:child_process';

const SCRIPT = `
import sqlite3, sys, uuid
ns = uuid.UUID("8d2c7f0e-3a41-4c55-9f1e-5b6f0d2a7c11")
db = sqlite3.connect(sys.argv[1])
for table, key in [("dbs", "database_name"), ("tables", "table_name"), ("slices", "slice_name"), ("dashboards", "slug")]:
    for row_id, name in db.execute(f"select id, {key} from {table}").fetchall():
        db.execute(f"update {table} set uuid = ? where id = ?", (uuid.uuid5(ns, f"{table}:{name}").bytes, row_id))
db.commit()
`;

export function stabilizeSeedUuids(metadataDb: string): void {
  execFileSync('python3', ['-c', SCRIPT, metadataDb], { stdio: ['ignore', 'inherit', 'inherit'] });
}
