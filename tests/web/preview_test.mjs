// The preview page of `covermap serve` in a real browser (Debian's Chromium, driven by playwright-core):
// it loads with no console error, draws the tiles (the screenshot holds every class colour of the legend),
// keeps the view in the URL, and clicking Beijing shows its name and value.
// usage: node preview_test.mjs COVERMAP NPM_DIR EXAMPLE_MAP [SCREENSHOT_DIR]
//   Exit 0 and "ok ..." when all holds, 1 with the reason otherwise, 77 when Chromium or playwright-core is
//   missing (ctest reports a skip). The tiles go to a temporary folder, removed at the end; SCREENSHOT_DIR,
//   when given, receives preview.png and preview-clicked.png to look at.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { inflateSync } from "node:zlib";

const [covermap, npmDir, exampleMap, screenshotDir] = process.argv.slice(2);
const chromium = "/usr/bin/chromium";
const playwrightPath = join(npmDir, "node_modules/playwright-core/index.mjs");
if (!existsSync(chromium) || !existsSync(playwrightPath)) {
  console.log(`skipped: needs ${chromium} and ${playwrightPath} (scripts/install-deps.sh)`);
  process.exit(77);
}
const { chromium: browserType } = await import(pathToFileURL(playwrightPath).href);

const fail = (message) => { console.log("FAIL " + message); cleanup(); process.exit(1); };

// The pixels of a PNG screenshot (8-bit RGB or RGBA, not interlaced), as [r, g, b] per pixel.
function decodePng(buffer) {
  let offset = 8, width = 0, height = 0, channels = 0;
  const data = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString("ascii", offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error("unexpected PNG layout");
      channels = { 2: 3, 6: 4 }[body[9]];
    } else if (type === "IDAT") data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; ++x) {
      const value = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      pixels[y * stride + x] = (value + predictor) & 255;
    }
  }
  return { width, height, channels, pixels };
}

function colourCounts(png) {
  const counts = new Map();
  for (let i = 0; i < png.pixels.length; i += png.channels) {
    const hex = "#" + [0, 1, 2].map((k) => png.pixels[i + k].toString(16).padStart(2, "0")).join("");
    counts.set(hex, (counts.get(hex) || 0) + 1);
  }
  return counts;
}

const outDir = mkdtempSync(join(tmpdir(), "covermap-preview-"));
const archive = join(outDir, "cover.pmtiles");
execFileSync(covermap, ["tiles", exampleMap, "-o", archive, "--zoom", "0-6"], { stdio: "ignore" });
const server = spawn(covermap, ["serve", archive, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
let browser = null;
function cleanup() {
  server.kill("SIGTERM");
  if (browser) browser.close().catch(() => {});
  rmSync(outDir, { recursive: true, force: true });
}
const url = await new Promise((resolve, reject) => {
  let printed = "";
  server.stdout.on("data", (chunk) => {
    printed += chunk;
    const found = printed.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (found) resolve(found[0]);
  });
  server.on("exit", (code) => reject(new Error("covermap serve exited with " + code)));
  setTimeout(() => reject(new Error("covermap serve printed no URL")), 20000);
}).catch((error) => fail(error.message));

try {
  browser = await browserType.launch({
    executablePath: chromium,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const problems = [];
  page.on("console", (message) => { if (message.type() === "error") problems.push("console: " + message.text()); });
  page.on("pageerror", (error) => problems.push("page error: " + error.message));
  page.on("requestfailed", (request) => problems.push("request failed: " + request.url()));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  const tiles = [];
  page.on("response", (response) => { if (/\/cover\/\d+\/\d+\/\d+\.png$/.test(response.url())) tiles.push(response.status()); });

  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForFunction(() => document.querySelectorAll("#legend li").length > 0);
  await page.waitForFunction(() => {
    const images = [...document.querySelectorAll("img.leaflet-tile")];
    return images.length > 0 && images.every((image) => image.complete);
  });
  await page.waitForTimeout(500); // Leaflet fades tiles in
  const screenshot = await page.screenshot();
  if (screenshotDir) writeFileSync(join(screenshotDir, "preview.png"), screenshot);

  if (!tiles.some((status) => status === 200)) fail("no tile was loaded: " + JSON.stringify(tiles));
  const legend = await page.$$eval("#legend li", (items) => items.map((item) => ({
    label: item.textContent, color: getComputedStyle(item.querySelector(".swatch")).backgroundColor })));
  const tilejson = await (await fetch(url + "cover.json")).json();
  const classes = tilejson.covermap.legend.filter((entry) => entry.label !== "No data");
  if (legend.length !== tilejson.covermap.legend.length) fail("the page's legend differs from the TileJSON's");
  const counts = colourCounts(decodePng(screenshot));
  for (const entry of classes) {
    const pixels = counts.get(entry.color) || 0;
    if (pixels < 200) fail(`the map shows ${pixels} pixels of ${entry.color} (${entry.label}) from the legend`);
  }
  const title = await page.textContent("#title");
  if (title !== tilejson.name) fail(`title "${title}", want "${tilejson.name}"`);

  // Click Beijing (116.4 E, 39.9 N): its name, value and class appear.
  const point = await page.evaluate(() => {
    const map = window.covermapPreview.map;
    const at = map.latLngToContainerPoint([39.9, 116.4]);
    const box = map.getContainer().getBoundingClientRect();
    return { x: box.left + at.x, y: box.top + at.y };
  });
  await page.mouse.click(point.x, point.y);
  await page.waitForFunction(() => document.querySelector("#unit h2") !== null, null, { timeout: 20000 });
  const unit = await page.textContent("#unit");
  if (screenshotDir) writeFileSync(join(screenshotDir, "preview-clicked.png"), await page.screenshot());
  for (const want of ["北京市", "12400", "110000", "8,100 – 12,400"])
    if (!unit.includes(want)) fail(`clicking Beijing shows "${unit}", without "${want}"`);
  const hash = await page.evaluate(() => location.hash);
  if (!/^#cover\/\d+\/-?[\d.]+\/-?[\d.]+$/.test(hash)) fail("the URL keeps no view: " + hash);

  // The view in the URL is restored when the page is opened with it.
  await page.goto("about:blank");
  await page.goto(url + "#cover/6/39.9000/116.4000", { waitUntil: "networkidle" });
  const zoom = await page.evaluate(() => window.covermapPreview.map.getZoom());
  if (zoom !== 6) fail("opening #cover/6/... shows zoom " + zoom);

  if (problems.length) fail(problems.join("\n"));
  console.log(`ok ${tiles.length} tile responses, ${classes.length} class colours on screen, clicked ${unit.slice(0, 60)}`);
  cleanup();
  process.exit(0);
} catch (error) {
  fail(error.stack || String(error));
}
