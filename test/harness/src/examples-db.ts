// Writes the example data (a SQLite file) that the seeded Superset database points at.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { examplesDb } from './harness-paths.ts';

// Deterministic rows (fixed seed) so every machine gets the same data.
const SCRIPT = `
import random, sqlite3, sys, datetime
random.seed(42)
db = sqlite3.connect(sys.argv[1])
c = db.cursor()
c.execute("create table sales (order_id integer primary key, order_date text, region text, country text, product text, category text, amount real, quantity integer)")
regions = {"EMEA": ["France", "Germany", "Spain"], "Americas": ["USA", "Canada", "Brazil"], "APAC": ["Japan", "India", "Australia"]}
products = {"Hardware": ["Laptop", "Monitor", "Keyboard"], "Software": ["Analytics", "Database", "Backup"], "Services": ["Support", "Training"]}
start = datetime.date(2024, 1, 1)
for i in range(1, 1201):
    region = random.choice(list(regions)); category = random.choice(list(products))
    day = start + datetime.timedelta(days=random.randint(0, 700))
    c.execute("insert into sales values (?,?,?,?,?,?,?,?)", (i, day.isoformat(), region, random.choice(regions[region]), random.choice(products[category]), category, round(random.uniform(20, 2000), 2), random.randint(1, 20)))
c.execute("create table customers (customer_id integer primary key, name text, segment text, country text, signup_date text, lifetime_value real)")
for i in range(1, 401):
    c.execute("insert into customers values (?,?,?,?,?,?)", (i, "Customer %03d" % i, random.choice(["Enterprise", "SMB", "Consumer"]), random.choice(["France", "USA", "Japan", "India", "Brazil"]), (start + datetime.timedelta(days=random.randint(0, 700))).isoformat(), round(random.uniform(100, 50000), 2)))
c.execute("create table web_traffic (visit_date text, channel text, device text, visits integer, bounce_rate real)")
for d in range(0, 365):
    for channel in ["Search", "Social", "Direct", "Email"]:
        for device in ["Desktop", "Mobile"]:
            c.execute("insert into web_traffic values (?,?,?,?,?)", ((start + datetime.timedelta(days=d)).isoformat(), channel, device, random.randint(50, 5000), round(random.uniform(0.2, 0.8), 3)))
db.commit()
`;

export function ensureExamplesDb(): string {
  const file = examplesDb();
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  execFileSync('python3', ['-c', SCRIPT, partial], { stdio: ['ignore', 'inherit', 'inherit'] });
  fs.renameSync(partial, file);
  return file;
}
