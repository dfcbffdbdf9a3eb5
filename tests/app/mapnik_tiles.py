#!/usr/bin/python3
"""Mapnik's rendering of given XYZ tiles, for tests/app/tiles_mapnik_test.cpp (pixel agreement with covermap).

usage:
  mapnik_tiles.py GEODATA LAYER ID_FIELD FILLS_CSV TILE_SIZE BORDER_PT OUT_DIR Z/X/Y...

GEODATA's LAYER (any OGR source, read by Mapnik's ogr plugin, in WGS 84) is joined to FILLS_CSV (header
`id,fill`: a unit's ID_FIELD value and its colour as #rrggbb) in Python, and every unit must have a fill (exit 1
otherwise: the two renderers must draw the same pre-joined data). Each tile is written to OUT_DIR/Z/X/Y.png as
32-bit RGBA PNG (not png8, so that only the renderers differ and not a palette quantizer).

The style is the peers' (bench/mapnik_style.py): one rule per colour with a PolygonSymbolizer and a white
LineSymbolizer of BORDER_PT points at 96 dpi scaled to the tile size (0.3 pt is 0.4 px on 256-pixel tiles, as
covermap's tiles draw it), a transparent background, Web Mercator.
"""
import csv
import os
import sys

import mapnik

# The peers' style, shared with the benchmarks so the test and the bench compare the same drawing.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))
from mapnik_style import MERCATOR, WGS84, choropleth_style  # noqa: E402

HALF_WORLD = 20037508.342789244


def read_fills(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if not rows or set(rows[0].keys()) != {"id", "fill"}:
        sys.exit(f"{path}: expected a header id,fill and at least one row")
    return {row["id"]: row["fill"].lower() for row in rows}


def joined_units(geodata, layer, id_field, fills):
    source = mapnik.Ogr(file=geodata, layer=layer)
    context = mapnik.Context()
    context.push("fill")
    memory = mapnik.MemoryDatasource()
    missing = []
    for feature in source.all_features():
        key = str(feature.attributes.get(id_field, ""))
        if key not in fills:
            missing.append(key)
            continue
        unit = mapnik.Feature(context, feature.id())
        unit.geometry = feature.geometry
        unit["fill"] = fills[key]
        memory.add_feature(unit)
    if missing:
        sys.exit(f"{geodata}: {len(missing)} units of layer {layer} have no fill, e.g. {id_field}={missing[0]!r}")
    return memory


def make_map(datasource, colours, tile_size, border_pt):
    m = mapnik.Map(tile_size, tile_size, MERCATOR)
    m.background = mapnik.Color(0, 0, 0, 0)
    style = choropleth_style([(f"[fill] = '{colour}'", colour) for colour in colours],
                             border_pt * 96 / 72 * tile_size / 256)
    m.append_style("choropleth", style)
    layer = mapnik.Layer("units", WGS84)
    layer.datasource = datasource
    layer.styles.append("choropleth")
    m.layers.append(layer)
    return m


def main():
    if len(sys.argv) < 9:
        sys.exit(__doc__)
    geodata, layer, id_field, fills_csv, tile_size, border_pt, out_dir = sys.argv[1:8]
    tile_size = int(tile_size)
    fills = read_fills(fills_csv)
    m = make_map(joined_units(geodata, layer, id_field, fills), sorted(set(fills.values())), tile_size,
                 float(border_pt))
    for tile in sys.argv[8:]:
        z, x, y = (int(part) for part in tile.split("/"))
        size = 2 * HALF_WORLD / 2 ** z
        minx = -HALF_WORLD + x * size
        maxy = HALF_WORLD - y * size
        m.zoom_to_box(mapnik.Box2d(minx, maxy - size, minx + size, maxy))
        image = mapnik.Image(tile_size, tile_size)
        mapnik.render(m, image)
        os.makedirs(os.path.join(out_dir, str(z), str(x)), exist_ok=True)
        image.save(os.path.join(out_dir, str(z), str(x), f"{y}.png"), "png32")


if __name__ == "__main__":
    main()
