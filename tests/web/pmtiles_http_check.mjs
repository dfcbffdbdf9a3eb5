// Reads tiles of a PMTiles archive served by `covermap serve` with the npm `pmtiles` client, which fetches
// byte ranges (and refuses a server that answers a range with the whole file), and compares each with the
// tile the server sends at /{name}/{z}/{x}/{y}.{ext}.
// usage: node pmtiles_http_check.mjs NPM_DIR BASE_URL NAME EXT z/x/y...
//   Prints "ok N" (N tiles equal) or the first difference, exit 1.
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [npmDir, base, name, extension, ...tiles] = process.argv.slice(2);
const { PMTiles } = await import(pathToFileURL(join(npmDir, "node_modules/pmtiles/dist/index.js")).href);
const archive = new PMTiles(`${base}/${name}.pmtiles`);
const header = await archive.getHeader();
let equal = 0;
for (const tile of tiles) {
  const [z, x, y] = tile.split("/").map(Number);
  const fromArchive = await archive.getZxy(z, x, y);
  const response = await fetch(`${base}/${name}/${z}/${x}/${y}.${extension}`);
  const fromServer = response.status === 200 ? Buffer.from(await response.arrayBuffer()) : null;
  const mine = fromArchive ? Buffer.from(fromArchive.data) : null;
  if ((mine === null) !== (fromServer === null) || (mine && !mine.equals(fromServer))) {
    console.log(`tile ${tile}: pmtiles read ${mine ? mine.length : "nothing"}, the server sent ${
      fromServer ? fromServer.length : "status " + response.status}`);
    process.exit(1);
  }
  ++equal;
}
console.log(`ok ${equal} maxzoom=${header.maxZoom}`);
