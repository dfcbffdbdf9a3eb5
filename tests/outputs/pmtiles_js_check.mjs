// Reads a PMTiles archive with the npm `pmtiles` package (the reference JavaScript reader) and checks tiles.
// usage: node pmtiles_js_check.mjs NPM_DIR ARCHIVE EXPECTED
//   NPM_DIR holds node_modules/pmtiles; EXPECTED has lines "z x y content" (content without spaces) and
//   "missing z x y" for tiles that must be absent. Prints "ok N" or an error, exit 1 on any mismatch.
import { readFileSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [npmDir, archive, expectedPath] = process.argv.slice(2);
const { PMTiles } = await import(pathToFileURL(join(npmDir, "node_modules/pmtiles/dist/index.js")).href);

class NodeFileSource {
  constructor(path) { this.fd = openSync(path, "r"); this.path = path; }
  getKey() { return this.path; }
  async getBytes(offset, length) {
    const buffer = Buffer.alloc(length);
    const n = readSync(this.fd, buffer, 0, length, offset);
    return { data: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + n) };
  }
}

const archiveReader = new PMTiles(new NodeFileSource(archive));
const header = await archiveReader.getHeader();
let checked = 0;
const fail = (message) => { console.log(message); process.exit(1); };
for (const line of readFileSync(expectedPath, "utf8").split("\n")) {
  if (!line.trim()) continue;
  const parts = line.split(" ");
  if (parts[0] === "missing") {
    const [z, x, y] = parts.slice(1).map(Number);
    if (await archiveReader.getZxy(z, x, y)) fail(`tile ${z}/${x}/${y} should be missing`);
  } else {
    const [z, x, y] = parts.slice(0, 3).map(Number);
    const tile = await archiveReader.getZxy(z, x, y);
    if (!tile) fail(`tile ${z}/${x}/${y} not found`);
    const text = Buffer.from(tile.data).toString("utf8");
    if (text !== parts[3]) fail(`tile ${z}/${x}/${y}: got ${text}, want ${parts[3]}`);
  }
  ++checked;
}
const metadata = await archiveReader.getMetadata();
console.log(`ok ${checked} addressed=${header.numAddressedTiles} name=${metadata.name}`);
