#!/usr/bin/python3
"""Mapnik peer: the same choropleth as covermap, end to end (read CSV, join on the id, quantile classes, render PNG).

usage: peer_mapnik.py BOUNDARIES.gpkg LAYER ID_FIELD DATA.csv KEY VALUE OUT.png WIDTH_PX HEIGHT_PX DPI

The classification happens here in Python and the join in the OGR datasource: an SQL CASE turns each unit's id
into its class number (one `id IN (...)` list per class), and one rule per class filters on that number; units
without data get a grey fallback rule. (One rule per class whose filter ORs `[id] = '...'` over the ids is the
obvious alternative, but Mapnik evaluates those filters per feature and it is about 6x slower on the counties.)
"""
import csv
import statistics
import sys

import mapnik

from mapnik_style import WGS84, choropleth_style

ALBERS = "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +datum=WGS84 +units=m +no_defs"
YLGNBU5 = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]
NO_DATA = "#eeeeee"


def quantile_classes(values, k):
    """id -> class index, with the breaks pandas.qcut and mapclassify use (linearly interpolated quantiles)."""
    uppers = statistics.quantiles(values.values(), n=k, method="inclusive") + [max(values.values())]
    return {key: next(i for i, upper in enumerate(uppers) if v <= upper) for key, v in values.items()}


def join_sql(layer_name, id_field, classes, k):
    """SELECT every unit with its class number (-1: no data), for OGR's SQLite dialect on a GeoPackage."""
    def id_list(i):
        return ", ".join("'" + key.replace("'", "''") + "'" for key, c in classes.items() if c == i)
    cases = " ".join(f'WHEN "{id_field}" IN ({id_list(i)}) THEN {i}' for i in range(k))
    return f'SELECT *, CASE {cases} ELSE -1 END AS class FROM "{layer_name}"'


def main():
    gpkg, layer_name, id_field, data_csv, key, value, out, width, height, dpi = sys.argv[1:11]
    width, height, dpi = int(width), int(height), float(dpi)

    with open(data_csv, newline="", encoding="utf-8") as f:
        values = {row[key].strip(): float(row[value].replace(",", "")) for row in csv.DictReader(f)
                  if row[value].strip()}
    classes = quantile_classes(values, len(YLGNBU5))

    m = mapnik.Map(width, height, ALBERS)
    m.background = mapnik.Color("white")
    rules = [(f"[class] = {i}", colour) for i, colour in enumerate(YLGNBU5)] + [(None, NO_DATA)]
    style = choropleth_style(rules, 0.3 * dpi / 72)  # 0.3 pt in pixels
    m.append_style("choropleth", style)

    layer = mapnik.Layer("units", WGS84)
    layer.datasource = mapnik.Ogr(file=gpkg, layer_by_sql=join_sql(layer_name, id_field, classes, len(YLGNBU5)))
    layer.styles.append("choropleth")
    m.layers.append(layer)
    m.zoom_all()
    mapnik.render_to_file(m, out, "png")


if __name__ == "__main__":
    main()
