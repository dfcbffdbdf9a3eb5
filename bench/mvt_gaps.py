#!/usr/bin/python3
"""Counts gaps between neighbouring units in a folder of vector tiles at one zoom.

The tiles of zoom Z are decoded by GDAL's MVT driver and drawn as one mosaic, about 512 pixels a tile (what
a MapLibre map shows at that zoom), each unit burnt with its id; the original units are drawn on the same
grid. A gap pixel is one the tiles leave empty although the original units cover it and every pixel around
it (so not a coast or the edge of the data, which simplification may move by a fraction of a pixel), with two
different units of the tiles within a pixel of it: daylight between neighbours. Prints "pairs=N pixels=M
units=K": the neighbouring pairs with a gap between them, the gap pixels, the units drawn.

usage: mvt_gaps.py TILES_DIR ZOOM LAYER ID_FIELD ORIGINAL.gpkg ORIGINAL_LAYER ORIGINAL_ID_FIELD
"""
import sys

import numpy
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
HALF_WORLD = 20037508.342789244
# Not 512: with 4096 / 512 = 8 grid units a pixel, pixel centres fall exactly on tile-grid edges, and GDAL's
# rasterizer gives such a pixel to neither neighbour (daylight that no GPU shows, as its fill rule is
# watertight). 500 pixels put no centre on a grid line.
TILE_PIXELS = 500


def tile_range(folder, zoom):
    import os
    xs = [int(x) for x in os.listdir(f"{folder}/{zoom}") if x.isdigit()]
    ys = [int(name.split(".")[0]) for x in xs for name in os.listdir(f"{folder}/{zoom}/{x}")]
    return min(xs), min(ys), max(xs), max(ys)


def numeric_ids(source_layer, field):
    """A memory layer of the source's polygons with an integer `uid` from the id field (adcodes)."""
    driver = ogr.GetDriverByName("Memory")
    memory = driver.CreateDataSource("ids")
    layer = memory.CreateLayer("ids", source_layer.GetSpatialRef(), ogr.wkbMultiPolygon)
    layer.CreateField(ogr.FieldDefn("uid", ogr.OFTInteger64))
    for feature in source_layer:
        geometry = feature.GetGeometryRef()
        if geometry is None:
            continue
        out = ogr.Feature(layer.GetLayerDefn())
        out.SetField("uid", int(feature.GetField(field)))
        out.SetGeometry(geometry)
        layer.CreateFeature(out)
    return memory, layer


def burn(layer, x0, y0, x1, y1, zoom):
    size = 2 * HALF_WORLD / (1 << zoom)
    width, height = (x1 - x0 + 1) * TILE_PIXELS, (y1 - y0 + 1) * TILE_PIXELS
    raster = gdal.GetDriverByName("MEM").Create("", width, height, 1, gdal.GDT_Int64)
    raster.SetGeoTransform((-HALF_WORLD + x0 * size, size / TILE_PIXELS, 0,
                            HALF_WORLD - y0 * size, 0, -size / TILE_PIXELS))
    mercator = osr.SpatialReference()
    mercator.ImportFromEPSG(3857)
    raster.SetProjection(mercator.ExportToWkt())
    gdal.RasterizeLayer(raster, [1], layer, options=["ATTRIBUTE=uid"])
    return raster.GetRasterBand(1).ReadAsArray()


def main():
    folder, zoom, layer_name, id_field, original, original_layer, original_id = sys.argv[1:8]
    zoom = int(zoom)
    x0, y0, x1, y1 = tile_range(folder, zoom)
    tiles = gdal.OpenEx(f"{folder}/{zoom}", gdal.OF_VECTOR)
    tile_memory, tile_layer = numeric_ids(tiles.GetLayerByName(layer_name), id_field)
    drawn = burn(tile_layer, x0, y0, x1, y1, zoom)
    source = gdal.OpenEx(original, gdal.OF_VECTOR)
    source_memory, source_layer = numeric_ids(source.GetLayerByName(original_layer), original_id)
    covered = burn(source_layer, x0, y0, x1, y1, zoom) != 0
    inside = covered.copy()  # covered, and so are its eight neighbours
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            inside &= numpy.roll(numpy.roll(covered, dy, axis=0), dx, axis=1)

    gap = inside & (drawn == 0)
    pairs = set()
    pixels = 0
    height, width = drawn.shape
    for y, x in zip(*numpy.nonzero(gap)):
        around = drawn[max(0, y - 1):min(height, y + 2), max(0, x - 1):min(width, x + 2)]
        units = sorted(set(int(u) for u in numpy.unique(around) if u != 0))
        if len(units) < 2:
            continue
        pixels += 1
        for i in range(len(units)):
            for j in range(i + 1, len(units)):
                pairs.add((units[i], units[j]))
    print(f"pairs={len(pairs)} pixels={pixels} units={len(numpy.unique(drawn)) - 1}")


if __name__ == "__main__":
    main()
