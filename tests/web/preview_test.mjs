// The preview page of `covermap serve` in a real browser (Debian's Chromium, driven by playwright-core):
// it loads with no console error, draws the tiles (the screenshot holds every class colour of the legend),
// keeps the view in the URL, and clicking Beijing shows its name and value.
// usage: node preview_test.mjs COVERMAP NPM_DIR EXAMPLE_MAP [SCREENSHOT_DIR]
//   Exit 0 and "ok ..." when all holds, 1 with the reason otherwise, 77 when Chromium or playwright-core is
//   missing (ctest reports a skip). The tiles go to a temporary folder, removed at the end; SCREENSHOT_DIR,
//   when given, receives preview.png and preview-clicked.png to look at.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { browserTypeOrSkip, cleanup, fail, launchChromium, legendColoursOnScreen, recordProblems, startServe, tempDir }
  from "./browser_support.mjs";

const [covermap, npmDir, exampleMap, screenshotDir] = process.argv.slice(2);
const browserType = await browserTypeOrSkip(npmDir);

const outDir = tempDir("covermap-preview-");
const archive = join(outDir, "cover.pmtiles");
execFileSync(covermap, ["tiles", exampleMap, "-o", archive, "--zoom", "0-6"], { stdio: "ignore" });
const url = await startServe(covermap, [archive]).catch((error) => fail(error.message));

try {
  const browser = await launchChromium(browserType);
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const problems = recordProblems(page);
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
  const { classes, problem } = legendColoursOnScreen(screenshot, tilejson);
  if (problem) fail(problem);
  if (legend.length !== tilejson.covermap.legend.length) fail("the page's legend differs from the TileJSON's");
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
