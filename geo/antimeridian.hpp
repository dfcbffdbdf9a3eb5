#pragma once
// Polygons cut where a projection's map ends: the meridian opposite its central meridian. PROJ sends a
// point just west of that line to the map's east edge and one just east of it to the west edge, so a
// country across it (Mexico for a map centred on 65°E, Russia and Fiji for one centred on 0°) would be drawn
// as a band across the whole map. Cut there, each piece stays on its own side.
#include "geo/geometry.hpp"

namespace covermap::geo {

// `lon_lat` with every polygon that crosses the meridian `central_meridian` + 180° split into pieces on
// either side of it (each ring clipped to the one-turn windows of longitude it spans), with longitudes
// kept within 180° of the central meridian; a ring around a pole is closed along the pole first.
// Polygons that do not cross it are returned as they are.
MultiPolygon cut_at_antimeridian(MultiPolygon lon_lat, double central_meridian);

}  // namespace covermap::geo
