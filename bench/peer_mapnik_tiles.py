#!/usr/bin/python3
"""Mapnik peer for the tile benchmark: the county choropleth as 256-pixel png8 XYZ tiles, one tile at a time.

usage:
  peer_mapnik_tiles.py export COUNTIES.gpkg OUT_DIR
      writes OUT_DIR/counties.gpkg and OUT_DIR/counties.shp: the county layer with a `fill` column (one of
      five YlGnBu colours, from a hash of the adcode), the pre-joined data both renderers draw.
  peer_mapnik_tiles.py render OUT_DIR/counties.shp MIN_ZOOM MAX_ZOOM
      renders every tile over the data's extent, z MIN..MAX, and prints one line:
      tiles=N seconds=S tiles_per_s=R bytes=B peak_rss_mb=M cpu_s=C (CPU seconds: steadier on a busy machine)

The map has one rule per colour (PolygonSymbolizer, plus a white 0.4 px LineSymbolizer: 0.3 pt at 96 dpi, as
covermap's tiles draw it), a transparent background, and reads the shapefile with Mapnik's own shape plugin
(faster than OGR). Each tile is rendered with mapnik.render into a 256 x 256 image and encoded with
Image.tostring("png8"); the bytes are counted, not written, as the covermap bench does.
"""
import math
import os
import resource
import subprocess
import sys
import time

import mapnik

from mapnik_style import MERCATOR, WGS84, choropleth_style

YLGNBU5 = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]
HALF_WORLD = 20037508.342789244
TILE = 256
BORDER_PX = 0.3 * 96 / 72


def fill_sql(layer):
    """The class of a county: (adcode * 2654435761 mod 100000) * 5 / 100000, a spread-out hash of its code."""
    cases = " ".join(f"WHEN {i} THEN '{c}'" for i, c in enumerate(YLGNBU5))
    klass = "((CAST(adcode AS INTEGER) * 2654435761) % 100000) * 5 / 100000"
    return f"SELECT geom, adcode, name, CASE {klass} {cases} END AS fill FROM {layer}"


def export(gpkg, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for name, driver in (("counties.gpkg", "GPKG"), ("counties.shp", "ESRI Shapefile")):
        path = os.path.join(out_dir, name)
        subprocess.run(["ogr2ogr", "-overwrite", "-f", driver, "-nln", "counties", "-dialect", "sqlite",
                        "-sql", fill_sql("county"), "-lco", "ENCODING=UTF-8" if driver != "GPKG" else "FID=fid",
                        path, gpkg], check=True)


def tile_range(lon_min, lat_min, lon_max, lat_max, z):
    n = 2 ** z

    def ty(lat):
        lat = max(min(lat, 85.0511287798066), -85.0511287798066)
        r = math.radians(lat)
        return (1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n

    def last(edge):
        return int(edge) - 1 if edge == int(edge) else int(math.floor(edge))

    x0 = int(math.floor((lon_min + 180) / 360 * n))
    x1 = max(x0, min(n - 1, last((lon_max + 180) / 360 * n)))
    y0 = int(math.floor(ty(lat_max)))
    y1 = max(y0, min(n - 1, last(ty(lat_min))))
    return x0, y0, x1, y1


def make_map(shapefile):
    m = mapnik.Map(TILE, TILE, MERCATOR)
    m.background = mapnik.Color(0, 0, 0, 0)
    style = choropleth_style([(f"[fill] = '{colour}'", colour) for colour in YLGNBU5], BORDER_PX)
    m.append_style("choropleth", style)
    layer = mapnik.Layer("counties", WGS84)
    layer.datasource = mapnik.Shapefile(file=shapefile)
    layer.styles.append("choropleth")
    m.layers.append(layer)
    return m, layer.envelope()


def render(shapefile, min_zoom, max_zoom):
    m, extent = make_map(shapefile)
    tiles = 0
    total = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for z in range(min_zoom, max_zoom + 1):
        x0, y0, x1, y1 = tile_range(extent.minx, extent.miny, extent.maxx, extent.maxy, z)
        size = 2 * HALF_WORLD / 2 ** z
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                minx = -HALF_WORLD + x * size
                maxy = HALF_WORLD - y * size
                m.zoom_to_box(mapnik.Box2d(minx, maxy - size, minx + size, maxy))
                image = mapnik.Image(TILE, TILE)
                mapnik.render(m, image)
                total += len(image.tostring("png8"))
                tiles += 1
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"tiles={tiles} seconds={seconds:.2f} tiles_per_s={tiles / seconds:.1f} bytes={total} "
          f"peak_rss_mb={rss_mb:.0f} cpu_s={cpu_seconds:.2f}")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "export":
        export(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "render":
        render(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
