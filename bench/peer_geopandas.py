#!/usr/bin/python3
"""geopandas peer: the same choropleth as covermap, end to end (read, merge on the id, quantile classes, PNG).

usage: peer_geopandas.py BOUNDARIES.gpkg LAYER ID_FIELD DATA.csv KEY VALUE OUT.png|OUT.pdf WIDTH_PX HEIGHT_PX DPI

Quantiles come from mapclassify (scheme="quantiles") when it is installed, else from pandas.qcut (Debian 12 has
no python3-mapclassify); both use the same linearly interpolated breaks.
"""
import sys

import matplotlib

matplotlib.use("Agg")
import geopandas as gpd  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.colors import ListedColormap  # noqa: E402

ALBERS = "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +datum=WGS84 +units=m +no_defs"
YLGNBU5 = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]
NO_DATA = "#eeeeee"


def main():
    gpkg, layer, id_field, data_csv, key, value, out, width, height, dpi = sys.argv[1:11]
    width, height, dpi = int(width), int(height), float(dpi)

    units = gpd.read_file(gpkg, layer=layer)
    data = pd.read_csv(data_csv, dtype={key: str}, thousands=",")
    units = units.merge(data[[key, value]], how="left", left_on=id_field, right_on=key).to_crs(ALBERS)

    fig = plt.figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_axis_off()
    style = dict(ax=ax, edgecolor="white", linewidth=0.3,  # points, as covermap's width_pt
                 missing_kwds={"color": NO_DATA, "edgecolor": "white", "linewidth": 0.3})
    try:
        import mapclassify  # noqa: F401
        units.plot(column=value, scheme="quantiles", k=5, cmap=ListedColormap(YLGNBU5), **style)
    except ImportError:
        units["class"] = pd.qcut(units[value], 5, labels=False)
        units.plot(column="class", cmap=ListedColormap(YLGNBU5), vmin=0, vmax=4, **style)
    fig.savefig(out, dpi=dpi)


if __name__ == "__main__":
    main()
