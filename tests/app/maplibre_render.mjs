// Renders covermap's vector tiles with their MapLibre style in headless Chromium (MapLibre GL JS on software
// WebGL) and writes one PNG screenshot per view.
// usage: node maplibre_render.mjs NPM_DIR CHROMIUM VIEWS_JSON OUT_DIR
//   NPM_DIR holds node_modules/{maplibre-gl,playwright-core}; VIEWS_JSON is a list of {"name", "tiles": a
//   covermap folder output (z/x/y.pbf, gzipped, and its style.json), "style": another style file or null,
//   "lon", "lat", "zoom", "width", "height",
//   "layers": ids to keep or null for all, "background": a colour drawn under everything or null,
//   "fill": one colour for every unit instead of its own, or null}.
// Prints "ok N" when every view rendered; exit 1 with the reason otherwise.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";

const [npmDir, chromiumPath, viewsPath, outDir] = process.argv.slice(2);
const { chromium } = await import(pathToFileURL(join(npmDir, "node_modules/playwright-core/index.mjs")).href);
const maplibreDir = join(npmDir, "node_modules/maplibre-gl/dist");
const origin = "http://covermap.test";

const fail = (message) => {
  console.log(message);
  process.exit(1);
};

const views = JSON.parse(readFileSync(viewsPath, "utf8"));

// The style as a page on the test origin loads it: tiles from the route below, only the layers asked for.
function styleFor(view) {
  const style = JSON.parse(readFileSync(view.style ?? join(view.tiles, "style.json"), "utf8"));
  for (const source of Object.values(style.sources)) source.tiles = [`${origin}/tiles/{z}/{x}/{y}.pbf`];
  if (view.layers) style.layers = style.layers.filter((layer) => view.layers.includes(layer.id));
  for (const layer of style.layers)
    if (view.fill && layer.type === "fill") layer.paint["fill-color"] = view.fill;
  if (view.background)
    style.layers.unshift({ id: "background", type: "background", paint: { "background-color": view.background } });
  delete style.glyphs;  // no glyph server here; the views draw no text
  return style;
}

const page_html = (view) => `<!doctype html><html><head>
<link rel="stylesheet" href="${origin}/maplibre/maplibre-gl.css">
<style>html, body { margin: 0; padding: 0; } #map { width: ${view.width}px; height: ${view.height}px; }</style>
<script src="${origin}/maplibre/maplibre-gl.js"></script></head>
<body><div id="map"></div></body></html>`;

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--use-gl=angle", "--ignore-gpu-blocklist",
         "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  for (const view of views) {
    const context = await browser.newContext({ viewport: { width: view.width, height: view.height },
                                               deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.route(`${origin}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === "/") return route.fulfill({ contentType: "text/html", body: page_html(view) });
      if (path.startsWith("/maplibre/")) {
        const file = join(maplibreDir, path.slice("/maplibre/".length));
        if (!existsSync(file)) return route.fulfill({ status: 404, body: "" });
        return route.fulfill({ contentType: file.endsWith(".css") ? "text/css" : "text/javascript",
                               body: readFileSync(file) });
      }
      if (path.startsWith("/tiles/")) {
        const file = join(view.tiles, path.slice("/tiles/".length));
        if (!existsSync(file)) return route.fulfill({ status: 404, body: "" });  // no unit there
        return route.fulfill({ contentType: "application/x-protobuf", body: gunzipSync(readFileSync(file)) });
      }
      return route.fulfill({ status: 404, body: "" });
    });
    await page.goto(`${origin}/`);
    const rendered = await page.evaluate(({ style, view }) => new Promise((resolve) => {
      const map = new maplibregl.Map({
        container: "map", style, center: [view.lon, view.lat], zoom: view.zoom, interactive: false,
        fadeDuration: 0, attributionControl: false, pixelRatio: 1, canvasContextAttributes: { antialias: false },
      });
      map.on("error", (event) => resolve(`map error: ${event.error && event.error.message}`));
      map.once("idle", () => resolve("ok"));
    }), { style: styleFor(view), view });
    if (rendered !== "ok") fail(`${view.name}: ${rendered}`);
    if (errors.length) fail(`${view.name}: ${errors.join("; ")}`);
    writeFileSync(join(outDir, `${view.name}.png`), await page.locator("#map canvas").screenshot());
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`ok ${views.length}`);
