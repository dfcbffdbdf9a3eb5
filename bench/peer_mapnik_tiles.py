#!/usr/bin/python3
"""Mapnik peer for the tile benchmark: the county choropleth as 256-pixel png8 XYZ tiles.

usage:
  peer_mapnik_tiles.py export COUNTIES.gpkg OUT_DIR
      writes the pre-joined data both renderers draw, the county layer with a `fill` column (one of five
      YlGnBu colours, from a hash of the adcode): OUT_DIR/counties.gpkg (covermap's) and OUT_DIR/counties.shp in
      WGS 84, and OUT_DIR/counties_3857.shp reprojected to EPSG:3857 (ogr2ogr -t_srs) with the spatial index
      Mapnik's `shapeindex` writes beside it (counties_3857.index), when shapeindex is installed (mapnik-utils).
  peer_mapnik_tiles.py render DATA MIN_ZOOM MAX_ZOOM [--mercator] [--no-borders] [--metatile=N]
                                                     [--new-image-per-tile]
      renders every tile over the data's extent, z MIN..MAX, and prints one line:
      tiles=N seconds=S tiles_per_s=R bytes=B peak_rss_mb=M cpu_s=C (CPU seconds: steadier on a busy machine)
      DATA: a .shp (Mapnik's shape plugin), a .gpkg (its OGR plugin) or a .sqlite (its sqlite plugin, a
      SpatiaLite file with its spatial index). --mercator: DATA is in EPSG:3857, the map's srs, so the layer's
      srs is the map's and nothing is reprojected per tile; without it DATA is WGS 84, reprojected on the fly.
      --no-borders: fills only (no LineSymbolizer). --metatile=N: render blocks of N x N tiles (cut to the tile
      range) and encode each tile from a view of its block, as renderd/mod_tile do (default 1: tile by tile).
      --new-image-per-tile: a new mapnik.Image for every render (default: one reused per block size).

The map is one mapnik.Map reused for every tile: one rule per colour (PolygonSymbolizer, plus a white 0.4 px
LineSymbolizer: 0.3 pt at 96 dpi, as covermap's tiles draw it), a transparent background (which also clears a
reused image). Each tile is encoded with tostring("png8"); the bytes are counted, not written, as Mapnik
behind a tile server would hand them over. Which source reads fastest (measured on the county layer, z8, CPU
seconds, one process on a shared 2-core machine): the EPSG:3857 shapefile with its shapeindex .index 3.9-4.1 s,
SpatiaLite with its index 4.6 s, GeoPackage through OGR 5.3 s, the shapefile without .index 5.7 s; SQLite WKB
without a spatial index 3x slower. Reusing the image: 3.9 against 4.3 s. 8 x 8 metatiles: 10.5 against 13.0 s
at z9. See bench/README.md, "Tiles: the CLI".
"""
import math
import os
import resource
import shutil
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
    for name, driver, crs in (("counties.gpkg", "GPKG", None), ("counties.shp", "ESRI Shapefile", None),
                              ("counties_3857.shp", "ESRI Shapefile", "EPSG:3857")):
        path = os.path.join(out_dir, name)
        reproject = ["-t_srs", crs] if crs else []
        subprocess.run(["ogr2ogr", "-overwrite", "-f", driver, "-nln", name.split(".")[0], *reproject,
                        "-dialect", "sqlite", "-sql", fill_sql("county"),
                        "-lco", "ENCODING=UTF-8" if driver != "GPKG" else "FID=fid", path, gpkg], check=True)
    if shutil.which("shapeindex"):  # Mapnik's own spatial index for its shape plugin: a tile reads only its shapes
        subprocess.run(["shapeindex", os.path.join(out_dir, "counties_3857.shp")], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


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


def datasource(path):
    """Mapnik's plugin for the file: its own shape plugin for a shapefile (with the .index that `shapeindex`
    writes beside it, when there), OGR for a GeoPackage, its sqlite plugin for a SpatiaLite file (ogr2ogr -f
    SQLite -dsco SPATIALITE=YES, which keeps the GeoPackage's column names)."""
    if path.endswith(".shp"):
        return mapnik.Shapefile(file=path)
    if path.endswith(".gpkg"):
        return mapnik.Ogr(file=path, layer="counties")
    if path.endswith(".sqlite"):
        return mapnik.SQLite(file=path, table="counties", geometry_field="geom", key_field="fid",
                             wkb_format="spatialite", use_spatial_index=True)
    sys.exit(f"{path}: expected a .shp, .gpkg or .sqlite file")


def make_map(path, mercator, borders):
    m = mapnik.Map(TILE, TILE, MERCATOR)
    m.background = mapnik.Color(0, 0, 0, 0)
    style = choropleth_style([(f"[fill] = '{colour}'", colour) for colour in YLGNBU5],
                             BORDER_PX if borders else None)
    m.append_style("choropleth", style)
    layer = mapnik.Layer("counties", MERCATOR if mercator else WGS84)
    layer.datasource = datasource(path)
    layer.styles.append("choropleth")
    m.layers.append(layer)
    extent = layer.envelope()
    if mercator:  # the tile range from the same lon/lat extent as the WGS 84 data's
        extent = mapnik.Box2d(*to_lon_lat(extent.minx, extent.miny), *to_lon_lat(extent.maxx, extent.maxy))
    return m, extent


def to_lon_lat(x, y):
    radius = HALF_WORLD / math.pi
    return math.degrees(x / radius), math.degrees(2 * math.atan(math.exp(y / radius)) - math.pi / 2)


def render(path, min_zoom, max_zoom, mercator, borders, reuse_image, metatile):
    """Tiles in blocks of metatile x metatile (cut to the data's tile range), one mapnik.render per block, each
    tile then encoded from its view of the block: what renderd and mod_tile do (8 x 8 by default); 1 renders
    tile by tile."""
    m, extent = make_map(path, mercator, borders)
    tiles = 0
    total = 0
    images = {}
    start = time.perf_counter()
    cpu_start = time.process_time()
    for z in range(min_zoom, max_zoom + 1):
        x0, y0, x1, y1 = tile_range(extent.minx, extent.miny, extent.maxx, extent.maxy, z)
        size = 2 * HALF_WORLD / 2 ** z
        for bx in range(x0 - x0 % metatile, x1 + 1, metatile):
            for by in range(y0 - y0 % metatile, y1 + 1, metatile):
                left, top = max(bx, x0), max(by, y0)
                columns, rows = min(bx + metatile - 1, x1) - left + 1, min(by + metatile - 1, y1) - top + 1
                minx = -HALF_WORLD + left * size
                maxy = HALF_WORLD - top * size
                m.resize(columns * TILE, rows * TILE)
                m.zoom_to_box(mapnik.Box2d(minx, maxy - rows * size, minx + columns * size, maxy))
                image = images.get((columns, rows)) if reuse_image else None
                if image is None:
                    image = images[(columns, rows)] = mapnik.Image(columns * TILE, rows * TILE)
                mapnik.render(m, image)  # the map's transparent background clears the image first
                for column in range(columns):
                    for row in range(rows):
                        view = image if columns == rows == 1 else image.view(column * TILE, row * TILE, TILE, TILE)
                        total += len(view.tostring("png8"))
                        tiles += 1
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"tiles={tiles} seconds={seconds:.2f} tiles_per_s={tiles / seconds:.1f} bytes={total} "
          f"peak_rss_mb={rss_mb:.0f} cpu_s={cpu_seconds:.2f}")


def main():
    args = sys.argv[1:]
    flags = {"--mercator", "--no-borders", "--new-image-per-tile"}
    options = {a for a in args if a in flags}
    metatile = 1
    for a in [a for a in args if a.startswith("--metatile=")]:
        metatile = int(a.split("=", 1)[1])
    args = [a for a in args if a not in flags and not a.startswith("--metatile=")]
    if len(args) == 3 and args[0] == "export" and not options:
        export(args[1], args[2])
    elif len(args) == 4 and args[0] == "render" and metatile >= 1:
        render(args[1], int(args[2]), int(args[3]), "--mercator" in options, "--no-borders" not in options,
               "--new-image-per-tile" not in options, metatile)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
