"""The choropleth style every Mapnik peer draws (the benchmarks' peers and the pixel-agreement test's helper):
one rule per colour, each a fill and a white border of the same width, so the comparisons stay like for like.
"""
import mapnik

MERCATOR = "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs"
WGS84 = "+proj=longlat +datum=WGS84 +no_defs"


def choropleth_style(rules, border_px):
    """A mapnik.Style from [(filter expression, "#rrggbb")]; a filter of None is the rule for everything else.
    A border_px of None leaves the LineSymbolizer out (fills only, as covermap's `borders: none`)."""
    border = None
    if border_px is not None:
        border = mapnik.LineSymbolizer()
        border.stroke = mapnik.Color("white")
        border.stroke_width = border_px
    style = mapnik.Style()
    for expression, colour in rules:
        rule = mapnik.Rule()
        if expression is None:
            rule.set_else(True)
        else:
            rule.filter = mapnik.Expression(expression)
        fill = mapnik.PolygonSymbolizer()
        fill.fill = mapnik.Color(colour)
        rule.symbols.append(fill)
        if border is not None:
            rule.symbols.append(border)
        style.rules.append(rule)
    return style
