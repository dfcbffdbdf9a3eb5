// Decodes every vector tile of one zoom of a covermap folder output with npm @mapbox/vector-tile and pbf (the
// decoder MapLibre GL JS is built on) and prints what it found as JSON, for tests/app/tiles_mvt_test.cpp.
// usage: node mvt_js_check.mjs NPM_DIR TILES_DIR ZOOM
// Prints {"tiles": N, "layers": {NAME: {"features": N, "types": [...], "keys": [...], "ids": [...],
// "colors": [...], "extent": E}}}; exit 1 when a tile cannot be decoded.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";

const [npmDir, tilesDir, zoom] = process.argv.slice(2);
const load = (name) => import(pathToFileURL(join(npmDir, "node_modules", name, "index.js")).href);
const { VectorTile } = await load("@mapbox/vector-tile");
const { PbfReader } = await load("pbf");

const layers = {};
let tiles = 0;
for (const x of readdirSync(join(tilesDir, zoom))) {
  for (const file of readdirSync(join(tilesDir, zoom, x))) {
    const bytes = gunzipSync(readFileSync(join(tilesDir, zoom, x, file)));
    const tile = new VectorTile(new PbfReader(bytes));
    ++tiles;
    for (const [name, layer] of Object.entries(tile.layers)) {
      const summary = (layers[name] ??= { features: 0, types: new Set(), keys: new Set(), ids: new Set(),
                                         colors: new Set(), extent: layer.extent });
      for (let i = 0; i < layer.length; ++i) {
        const feature = layer.feature(i);
        feature.loadGeometry();  // throws on a malformed command stream
        ++summary.features;
        summary.types.add(feature.type);
        for (const key of Object.keys(feature.properties)) summary.keys.add(key);
        summary.ids.add(feature.properties.id);
        if (feature.properties.color !== undefined) summary.colors.add(feature.properties.color);
      }
    }
  }
}
const sorted = (set) => [...set].sort();
const out = { tiles, layers: {} };
for (const [name, s] of Object.entries(layers))
  out.layers[name] = { features: s.features, types: sorted(s.types), keys: sorted(s.keys), ids: sorted(s.ids),
                       colors: sorted(s.colors), extent: s.extent };
console.log(JSON.stringify(out));
