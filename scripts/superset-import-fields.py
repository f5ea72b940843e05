# Prints, as JSON, the fields each of Superset's v1 importers accepts (dashboards, charts, datasets, databases and
# their nested schemas). Run with a Superset venv's python; packages/superset/src/versions/import-fields.ts holds
# the result per supported version:
#   SUPERSET_CONFIG_PATH=cfg.py ~/.cache/superset-git/venv-5.0.0/bin/python scripts/superset-import-fields.py
import json
import sys

from superset.app import create_app

app = create_app()
with app.app_context():
    from marshmallow import fields
    from superset.charts.schemas import ImportV1ChartSchema
    from superset.dashboards.schemas import ImportV1DashboardSchema
    from superset.databases.schemas import ImportV1DatabaseSchema
    from superset.datasets.schemas import ImportV1DatasetSchema

    out = {}

    def walk(path, schema, depth=0):
        names = []
        for name, field in schema._declared_fields.items():
            key = field.data_key or name
            names.append(key)
            if depth >= 2:
                continue
            if isinstance(field, fields.Nested):
                walk(f"{path}.{key}", field.schema, depth + 1)
            elif isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
                walk(f"{path}.{key}[]", field.inner.schema, depth + 1)
        out.setdefault(path, sorted(names))

    for kind, schema in [
        ("dashboard", ImportV1DashboardSchema),
        ("chart", ImportV1ChartSchema),
        ("dataset", ImportV1DatasetSchema),
        ("database", ImportV1DatabaseSchema),
    ]:
        walk(kind, schema())
    sys.stdout.write(json.dumps(out, sort_keys=True) + "\n")
