// The preview page on a project's vector tile set, in a real browser (Debian's Chromium on software WebGL,
// driven by playwright-core): `covermap build` then `covermap serve PROJECT.yaml`; the page opens the vector
// set with MapLibre GL JS and no console error and no request leaving the server, the screenshot holds every
// class colour of the legend, pointing at Beijing shows its name and value from the tile's features, and the
// project's raster set beside it still shows on Leaflet. A page told that covermap has no MapLibre says so.
// usage: node vector_preview_test.mjs COVERMAP NPM_DIR EXAMPLE_MAP [SCREENSHOT_DIR]
//   Exit 0 and "ok ..." when all holds, 1 with the reason otherwise, 77 when Chromium or playwright-core is
//   missing, or covermap was built without MapLibre (ctest reports a skip). SCREENSHOT_DIR, when given,
//   receives vector.png, vector-hover.png and vector-without-maplibre.png to look at.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { browserTypeOrSkip, cleanup, fail, launchChromium, legendColoursOnScreen, recordProblems, startServe, tempDir }
  from "./browser_support.mjs";

const [covermap, npmDir, exampleMap, screenshotDir] = process.argv.slice(2);
const browserType = await browserTypeOrSkip(npmDir);

const outDir = tempDir("covermap-vector-preview-");
const project = join(outDir, "project.yaml");
writeFileSync(project, `maps:
  - map: ${JSON.stringify(exampleMap)}
    tiles:
      - {output: out/provinces.pmtiles, zoom: 0-6, format: mvt}
      - {output: out/raster.pmtiles, zoom: 0-4}
`);
execFileSync(covermap, ["build", project], { stdio: "ignore" });
const url = await startServe(covermap, [project]).catch((error) => fail(error.message));

// Resolves when the vector map has drawn everything it asked for.
const vectorIdle = () => new Promise((resolve) => {
  const map = window.covermapPreview.vector();
  if (map.loaded() && map.areTilesLoaded()) resolve();
  else map.once("idle", () => resolve());
});

try {
  const catalog = await (await fetch(url + "_/tilesets.json")).json();
  if (!catalog.maplibre) {
    console.log("skipped: this covermap was built without MapLibre GL JS (scripts/install-deps.sh, then cmake again)");
    cleanup();
    process.exit(77);
  }
  if (catalog.tile_sets.map((set) => set.name).join() !== "provinces,raster")
    fail("the project's sets are served as " + JSON.stringify(catalog.tile_sets));

  const browser = await launchChromium(browserType, { webgl: true });
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const problems = recordProblems(page);
  const elsewhere = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(url) && !request.url().startsWith("data:") && !request.url().startsWith("blob:"))
      elsewhere.push(request.url());
  });
  const vectorTiles = [];
  page.on("response", (response) => {
    if (/\/provinces\/\d+\/\d+\/\d+\.pbf$/.test(response.url())) vectorTiles.push(response.status());
  });

  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForFunction(() => document.querySelectorAll("#legend li").length > 0);
  await page.waitForFunction(() => window.covermapPreview.vector() !== null, null, { timeout: 30000 });
  await page.evaluate(vectorIdle);
  const screenshot = await page.screenshot();
  if (screenshotDir) writeFileSync(join(screenshotDir, "vector.png"), screenshot);
  if (!vectorTiles.some((status) => status === 200)) fail("no vector tile was loaded: " + JSON.stringify(vectorTiles));

  const tilejson = await (await fetch(url + "provinces.json")).json();
  const { classes, problem } = legendColoursOnScreen(screenshot, tilejson);
  if (problem) fail(problem);
  const title = await page.textContent("#title");
  if (title !== tilejson.name) fail(`title "${title}", want "${tilejson.name}"`);

  // Point at Beijing (116.4 E, 39.9 N): its names, value and class, read from the vector features.
  const beijing = () => page.evaluate(() => {
    const map = window.covermapPreview.vector();
    const at = map.project([116.4, 39.9]);
    const box = map.getContainer().getBoundingClientRect();
    return { x: box.left + at.x, y: box.top + at.y };
  });
  let point = await beijing();
  await page.mouse.move(point.x - 40, point.y + 40);
  await page.mouse.move(point.x, point.y, { steps: 5 });
  await page.waitForFunction(() => (document.querySelector("#unit h2") || {}).textContent === "北京市", null,
                             { timeout: 20000 });
  const unit = await page.textContent("#unit");
  for (const want of ["北京市", "Beijing", "12400", "110000", "8,100 – 12,400"])
    if (!unit.includes(want)) fail(`pointing at Beijing shows "${unit}", without "${want}"`);
  await page.evaluate(vectorIdle);
  if (screenshotDir) writeFileSync(join(screenshotDir, "vector-hover.png"), await page.screenshot());
  const hash = await page.evaluate(() => location.hash);
  if (!/^#provinces\/[\d.]+\/-?[\d.]+\/-?[\d.]+$/.test(hash)) fail("the URL keeps no view: " + hash);

  // A view in the URL is restored, on Leaflet's zoom scale.
  await page.goto("about:blank");
  await page.goto(url + "#provinces/6/39.9000/116.4000", { waitUntil: "networkidle" });
  await page.waitForFunction(() => window.covermapPreview.vector() !== null);
  const zoom = await page.evaluate(() => window.covermapPreview.vector().getZoom());
  if (Math.abs(zoom - 5) > 1e-9) fail("opening #provinces/6/... shows MapLibre zoom " + zoom + ", not 5");

  // Clicking the sea says so.
  await page.evaluate(vectorIdle);
  point = await page.evaluate(() => {
    const map = window.covermapPreview.vector();
    const at = map.project([120.0, 39.0]);  // the Bohai Sea
    const box = map.getContainer().getBoundingClientRect();
    return { x: box.left + at.x, y: box.top + at.y };
  });
  await page.mouse.click(point.x, point.y);
  await page.waitForFunction(() => document.querySelector("#unit").textContent.includes("No unit here"));

  // The raster set of the same project, on Leaflet.
  await page.selectOption("#tile-set", "raster");
  await page.waitForFunction(() => {
    const images = [...document.querySelectorAll("img.leaflet-tile")];
    return images.length > 0 && images.every((image) => image.complete) && !document.getElementById("map").hidden &&
      document.getElementById("vector-map").hidden;
  });

  // A covermap built without MapLibre (its catalog says so) says why in place of a vector set.
  const without = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const withoutProblems = recordProblems(without);
  await without.route("**/_/tilesets.json", async (route) => {
    const answer = await route.fetch();
    route.fulfill({ response: answer, json: { ...(await answer.json()), maplibre: false } });
  });
  await without.goto(url, { waitUntil: "networkidle" });
  await without.waitForFunction(() => !document.getElementById("notice").hidden);
  const said = await without.textContent("#notice");
  if (!said.includes("built without MapLibre") || !said.includes("/provinces/style.json"))
    fail("without MapLibre the page says: " + said);
  if (await without.evaluate(() => typeof maplibregl !== "undefined")) fail("MapLibre was loaded all the same");
  if (screenshotDir) writeFileSync(join(screenshotDir, "vector-without-maplibre.png"), await without.screenshot());
  problems.push(...withoutProblems);

  if (elsewhere.length) fail("the page asked for what is not on the server: " + elsewhere.join(", "));
  if (problems.length) fail(problems.join("\n"));
  console.log(`ok ${vectorTiles.length} vector tile responses, ${classes.length} class colours on screen, ` +
              `hovered ${unit.slice(0, 60)}`);
  cleanup();
  process.exit(0);
} catch (error) {
  fail(error.stack || String(error));
}
