// What the browser tests of `covermap serve` share: playwright-core and Chromium (exit 77, a visible skip,
// when either is missing), `covermap serve` started on a free port, a page that records every problem it
// meets, and the legend's colours in a PNG screenshot.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { inflateSync } from "node:zlib";

export const chromiumPath = "/usr/bin/chromium";

// What a test started and made, ended and removed by cleanup(), which fail() calls too.
const started = { server: null, browser: null, dirs: [] };

export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  started.dirs.push(dir);
  return dir;
}

export function cleanup() {
  if (started.server) started.server.kill("SIGTERM");
  if (started.browser) started.browser.close().catch(() => {});
  for (const dir of started.dirs) rmSync(dir, { recursive: true, force: true });
}

export function fail(message) {
  console.log("FAIL " + message);
  cleanup();
  process.exit(1);
}

// playwright-core's chromium launcher, or exit 77 when it or Chromium is missing.
export async function browserTypeOrSkip(npmDir) {
  const playwrightPath = join(npmDir, "node_modules/playwright-core/index.mjs");
  if (!existsSync(chromiumPath) || !existsSync(playwrightPath)) {
    console.log(`skipped: needs ${chromiumPath} and ${playwrightPath} (scripts/install-deps.sh)`);
    process.exit(77);
  }
  return (await import(pathToFileURL(playwrightPath).href)).chromium;
}

// Chromium without network services of its own; `webgl` adds software WebGL (SwiftShader) for MapLibre.
export async function launchChromium(browserType, { webgl = false } = {}) {
  const args = ["--no-sandbox", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync"];
  if (webgl) args.push("--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--use-gl=angle", "--ignore-gpu-blocklist");
  else args.push("--disable-gpu");
  started.browser = await browserType.launch({ executablePath: chromiumPath, args });
  return started.browser;
}

// Starts `covermap serve ARGS --port 0`; resolves to the URL it prints that it listens on.
export function startServe(covermap, args) {
  const server = spawn(covermap, ["serve", ...args, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  started.server = server;
  return new Promise((resolve, reject) => {
    let printed = "";
    server.stdout.on("data", (chunk) => {
      printed += chunk;
      const found = printed.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (found) resolve(found[0]);
    });
    server.on("exit", (code) => reject(new Error("covermap serve exited with " + code)));
    setTimeout(() => reject(new Error("covermap serve printed no URL")), 20000);
  });
}

// Console errors, page errors, failed requests and HTTP errors of `page`, as they happen.
export function recordProblems(page) {
  const problems = [];
  page.on("console", (message) => { if (message.type() === "error") problems.push("console: " + message.text()); });
  page.on("pageerror", (error) => problems.push("page error: " + error.message));
  page.on("requestfailed", (request) => problems.push("request failed: " + request.url()));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

// The pixels of a PNG screenshot (8-bit RGB or RGBA, not interlaced), as [r, g, b] per pixel.
export function decodePng(buffer) {
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

// How many pixels of each colour ("#rrggbb") a decoded PNG holds.
export function colourCounts(png) {
  const counts = new Map();
  for (let i = 0; i < png.pixels.length; i += png.channels) {
    const hex = "#" + [0, 1, 2].map((k) => png.pixels[i + k].toString(16).padStart(2, "0")).join("");
    counts.set(hex, (counts.get(hex) || 0) + 1);
  }
  return counts;
}

// Whether every class colour of a set's legend (its TileJSON's; no data aside) covers at least 200 pixels of a
// screenshot: the classes, and the first shortfall as a message (null when there is none).
export function legendColoursOnScreen(screenshot, tilejson) {
  const classes = tilejson.covermap.legend.filter((entry) => entry.label !== "No data");
  const counts = colourCounts(decodePng(screenshot));
  for (const entry of classes) {
    const pixels = counts.get(entry.color) || 0;
    if (pixels < 200)
      return { classes, problem: `the map shows ${pixels} pixels of ${entry.color} (${entry.label}) from the legend` };
  }
  return { classes, problem: null };
}
