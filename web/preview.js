// The preview page of `covermap serve`: lists the tile sets, shows the chosen one on a slippy map framed to
// its bounds, its legend, title and source from its TileJSON, and what lies under a click (when the server
// has the set's map). The view is kept in the URL (#name/zoom/lat/lon) so it can be shared.
"use strict";

(function () {
  const select = document.getElementById("tile-set");
  const status = document.getElementById("status");
  const unitBox = document.getElementById("unit");
  const map = L.map("map", { worldCopyJump: true });
  window.covermapPreview = { map }; // for scripts and tests that drive the page
  let tileLayer = null;
  let current = null; // {entry, tilejson}
  let sets = [];

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function parseHash() {
    const parts = decodeURIComponent(location.hash.replace(/^#/, "")).split("/");
    if (parts.length < 1 || !parts[0]) return {};
    const view = { name: parts[0] };
    if (parts.length === 4) {
      const [z, lat, lon] = parts.slice(1).map(Number);
      if ([z, lat, lon].every(Number.isFinite)) Object.assign(view, { z, lat, lon });
    }
    return view;
  }

  function writeHash() {
    if (!current) return;
    const c = map.getCenter();
    const hash = "#" + encodeURIComponent(current.entry.name) + "/" + map.getZoom() + "/" +
      c.lat.toFixed(4) + "/" + c.lng.toFixed(4);
    history.replaceState(null, "", hash);
  }

  function showLegend(tilejson) {
    const box = document.getElementById("legend");
    box.replaceChildren();
    const covermap = tilejson.covermap || {};
    const classes = Array.isArray(covermap.legend) ? covermap.legend : [];
    if (covermap.legend_title) box.append(element("h2", covermap.legend_title));
    const list = element("ul");
    for (const entry of classes) {
      const item = element("li");
      const swatch = element("span", undefined, "swatch");
      swatch.style.background = entry.color;
      item.append(swatch, element("span", entry.label));
      list.append(item);
    }
    if (classes.length) box.append(list);
  }

  function showTitles(tilejson) {
    document.getElementById("title").textContent = tilejson.name || current.entry.name;
    document.getElementById("description").textContent = tilejson.description || "";
    document.getElementById("source").textContent = tilejson.attribution ? "Source: " + tilejson.attribution : "";
    document.title = (tilejson.name || current.entry.name) + " – covermap preview";
  }

  function showUnit(answer) {
    unitBox.replaceChildren();
    const unit = answer.unit;
    if (!unit) {
      unitBox.append(element("p", "No unit here.", "hint"));
      return;
    }
    unitBox.append(element("h2", unit.name));
    const list = element("dl");
    const add = (term, value) => { if (value) list.append(element("dt", term), element("dd", value)); };
    const nameLabels = { name_en: "English", name_zh: "Chinese", name_pinyin: "Pinyin" };
    for (const [key, value] of Object.entries(unit.names || {}))
      if (value !== unit.name) add(nameLabels[key] || key, value);
    add("code", unit.id);
    add("value", unit.has_data ? unit.value : "no data");
    const classRow = element("dd");
    const swatch = element("span", undefined, "swatch");
    swatch.style.cssText = "display:inline-block;width:1em;height:0.8em;margin-right:0.4em;border:1px solid #999";
    swatch.style.background = unit.color;
    classRow.append(swatch, document.createTextNode(unit.class));
    list.append(element("dt", "class"), classRow);
    unitBox.append(list);
  }

  async function fetchJson(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(url + ": " + response.status + " " + (await response.text()).trim());
    return response.json();
  }

  async function open(entry, view) {
    const tilejson = await fetchJson(entry.tilejson);
    current = { entry, tilejson };
    select.value = entry.name;
    if (tileLayer) tileLayer.remove();
    const [west, south, east, north] = tilejson.bounds;
    const bounds = L.latLngBounds([south, west], [north, east]);
    tileLayer = L.tileLayer(tilejson.tiles[0], {
      minZoom: 0,
      maxZoom: Math.max(tilejson.maxzoom + 3, 18),
      minNativeZoom: tilejson.minzoom,
      maxNativeZoom: tilejson.maxzoom,
      bounds, // no request outside the set: those would be 404s
      tileSize: tilejson.tile_size === 512 ? 512 : 256,
      zoomOffset: tilejson.tile_size === 512 ? -1 : 0,
      attribution: "",
      className: "covermap-tiles",
    }).addTo(map);
    showTitles(tilejson);
    showLegend(tilejson);
    unitBox.replaceChildren(element("p", entry.query ? "Click the map to see a unit's name and value."
      : "This tile set has no map file behind it to ask what was clicked.", "hint"));
    if (view && Number.isFinite(view.z)) map.setView([view.lat, view.lon], view.z);
    else map.fitBounds(bounds);
    writeHash();
  }

  map.on("moveend", writeHash);
  // A view pasted into the address bar of an open page.
  window.addEventListener("hashchange", () => {
    const view = parseHash();
    const entry = sets.find((set) => set.name === view.name);
    if (!entry) return;
    if (!current || entry.name !== current.entry.name) {
      open(entry, view).catch((error) => { status.textContent = String(error.message || error); });
    } else if (Number.isFinite(view.z)) {
      map.setView([view.lat, view.lon], view.z);
    }
  });
  map.on("click", async (event) => {
    if (!current || !current.entry.query) return;
    const lon = L.Util.wrapNum(event.latlng.lng, [-180, 180], true);
    try {
      showUnit(await fetchJson(current.entry.query + "?lon=" + lon.toFixed(6) + "&lat=" + event.latlng.lat.toFixed(6)));
    } catch (error) {
      status.textContent = String(error.message || error);
    }
  });
  select.addEventListener("change", () => {
    const entry = sets.find((set) => set.name === select.value);
    if (entry) open(entry).catch((error) => { status.textContent = String(error.message || error); });
  });

  fetchJson("_/tilesets.json").then((catalog) => {
    sets = catalog.tile_sets;
    if (catalog.basemap) L.tileLayer(catalog.basemap, { attribution: "" }).addTo(map);
    for (const set of sets) select.append(new Option(set.name, set.name));
    if (!sets.length) {
      status.textContent = "No tile sets are served.";
      return;
    }
    const view = parseHash();
    const entry = sets.find((set) => set.name === view.name) || sets[0];
    return open(entry, entry.name === view.name ? view : null);
  }).catch((error) => { status.textContent = String(error.message || error); });
})();
