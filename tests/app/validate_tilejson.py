"""Validates TileJSON documents against the TileJSON 3.0.0 JSON Schema with python3-jsonschema.

usage: python3 validate_tilejson.py SCHEMA FILE...
The schema requires vector_layers always; the spec's text asks it of vector tile sets only, so it is waived
for raster ones (format png, webp or jpg). Prints "ok N" or each problem, exit 1.
"""
import copy
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
raster_schema = copy.deepcopy(schema)
raster_schema["required"] = [key for key in schema["required"] if key != "vector_layers"]
problems = []
for path in sys.argv[2:]:
    document = json.load(open(path, encoding="utf-8"))
    raster = document.get("format") in ("png", "webp", "jpg", "jpeg")
    validator = jsonschema.validators.validator_for(schema)(raster_schema if raster else schema)
    problems += [f"{path}: {error.json_path}: {error.message}" for error in validator.iter_errors(document)]
print("\n".join(problems) if problems else f"ok {len(sys.argv) - 2}")
sys.exit(1 if problems else 0)
