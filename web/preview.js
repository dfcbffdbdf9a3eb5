// The preview page of `covermap serve`: lists the tile sets, shows the chosen one on a slippy map framed to
// its bounds, its legend, title and source from its TileJSON, and the unit under the pointer. Raster sets are
// shown with Leaflet, a click asking the server what lies there (when it has the set's map); vector sets with
// MapLibre GL JS in their own style, hover and click reading the unit from the tile's features. The view is
// kept in the URL (#name/zoom/lat/lon, zoom on 256-pixel tiles as Leaflet counts it) so it can be shared.
"use strict";

(function () {
  const select = document.getElementById("tile-set");
  const status = document.getElementById("status");
  const unitBox = document.getElementById("unit");
  const rasterBox = document.getElementById("map");
  const vectorBox = document.getElementById("vector-map");
  const notice = document.getElementById("notice");
  const map = L.map("map", { worldCopyJump: true });
  let vectorMap = null; // made anew for each vector set opened
  window.covermapPreview = { map, vector: () => vectorMap }; // for scripts and tests that drive the page
  let tileLayer = null;
  let current = null; // {entry, tilejson}
  let catalog = { tile_sets: [] };
  let maplibreLoaded = null;

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

  // MapLibre counts zooms on 512-pixel tiles, one less than Leaflet for the same scale.
  function currentView() {
    if (current && current.entry.vector && vectorMap) {
      const c = vectorMap.getCenter();
      return { z: Math.round((vectorMap.getZoom() + 1) * 100) / 100, lat: c.lat, lon: c.lng };
    }
    const c = map.getCenter();
    return { z: map.getZoom(), lat: c.lat, lon: c.lng };
  }

  function writeHash() {
    if (!current || (current.entry.vector && !vectorMap)) return;
    const view = currentView();
    const hash = "#" + encodeURIComponent(current.entry.name) + "/" + view.z + "/" + view.lat.toFixed(4) + "/" +
      view.lon.toFixed(4);
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

  function showHint(text) {
    unitBox.replaceChildren(element("p", text, "hint"));
  }

  // unit: {id, name, names, value, class, color, has_data}, as /{name}/query answers.
  function showUnit(unit) {
    unitBox.replaceChildren();
    if (!unit) return showHint("No unit here.");
    unitBox.append(element("h2", unit.name));
    const list = element("dl");
    const add = (term, value) => { if (value !== undefined && value !== null && value !== "") list.append(element("dt", term), element("dd", String(value))); };
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

  // The same unit from a vector tile's feature: its class label is the legend entry of its colour.
  function unitOfFeature(properties, tilejson) {
    const legend = ((tilejson.covermap || {}).legend) || [];
    const entry = legend.find((item) => item.color === properties.color) ||
      (properties.no_data ? legend[legend.length - 1] : legend[properties.class]) || {};
    const names = {};
    for (const [key, value] of Object.entries(properties)) if (key.startsWith("name_")) names[key] = value;
    return { id: properties.id, name: properties.name, names, value: properties.value, class: entry.label || "",
             color: properties.color, has_data: !properties.no_data };
  }

  async function fetchJson(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(url + ": " + response.status + " " + (await response.text()).trim());
    return response.json();
  }

  function loadMaplibre() {
    maplibreLoaded = maplibreLoaded || new Promise((resolve, reject) => {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = "_/maplibre/maplibre-gl.css";
      document.head.append(css);
      const script = document.createElement("script");
      script.src = "_/maplibre/maplibre-gl.js";
      script.onload = () => {
        maplibregl.setWorkerUrl(new URL("_/maplibre/maplibre-gl-csp-worker.js", location.href).href);
        resolve();
      };
      script.onerror = () => reject(new Error("cannot load MapLibre GL JS from this server"));
      document.head.append(script);
    });
    return maplibreLoaded;
  }

  function showOnly(box) {
    for (const other of [rasterBox, vectorBox, notice]) other.hidden = other !== box;
  }

  function openRaster(entry, tilejson, bounds, view) {
    showOnly(rasterBox);
    map.invalidateSize();
    tileLayer = L.tileLayer(tilejson.tiles[0], {
      minZoom: 0,
      maxZoom: Math.max(tilejson.maxzoom + 3, 18),
      minNativeZoom: tilejson.minzoom,
      maxNativeZoom: tilejson.maxzoom,
      bounds: L.latLngBounds([bounds[1], bounds[0]], [bounds[3], bounds[2]]), // no request outside the set
      tileSize: tilejson.tile_size === 512 ? 512 : 256,
      zoomOffset: tilejson.tile_size === 512 ? -1 : 0,
      attribution: "",
      className: "covermap-tiles",
    }).addTo(map);
    showHint(entry.query ? "Click the map to see a unit's name and value."
      : "This tile set has no map file behind it to ask what was clicked.");
    if (view && Number.isFinite(view.z)) map.setView([view.lat, view.lon], view.z);
    else map.fitBounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]]);
  }

  async function openVector(entry, tilejson, bounds, view) {
    if (!catalog.maplibre) {
      showOnly(notice);
      notice.replaceChildren(
        element("p", "This covermap was built without MapLibre GL JS, so vector tile sets such as \"" +
          entry.name + "\" cannot be previewed here (scripts/install-deps.sh installs it; then build covermap again)."),
        element("p", "The server still serves their tiles, TileJSON (" + entry.tilejson + ") and MapLibre style (" +
          entry.style + ")."));
      return showHint("");
    }
    const [style] = await Promise.all([fetchJson(entry.style), loadMaplibre()]);
    showOnly(vectorBox);
    const fill = style.layers.find((layer) => layer.type === "fill");
    if (!fill) throw new Error(entry.style + " has no fill layer to show");
    // The unit under the pointer, outlined.
    const hover = { id: "covermap-hover", type: "line", source: fill.source, "source-layer": fill["source-layer"],
                    filter: ["==", ["get", "id"], ""], paint: { "line-color": "#222222", "line-width": 1.5 } };
    const labels = style.layers.findIndex((layer) => layer.type === "symbol");
    style.layers.splice(labels < 0 ? style.layers.length : labels, 0, hover);
    if (catalog.basemap) {
      style.sources.basemap = { type: "raster", tiles: [catalog.basemap.replace("{s}", "a")], tileSize: 256 };
      style.layers.unshift({ id: "basemap", type: "raster", source: "basemap" });
    }
    if (vectorMap) vectorMap.remove();
    const options = { container: vectorBox, style, attributionControl: false, maxZoom: tilejson.maxzoom + 3,
                      localIdeographFontFamily: "'Noto Sans CJK SC', sans-serif" };
    if (view && Number.isFinite(view.z)) Object.assign(options, { center: [view.lon, view.lat], zoom: view.z - 1 });
    else Object.assign(options, { bounds: [[bounds[0], bounds[1]], [bounds[2], bounds[3]]], fitBoundsOptions: { padding: 10 } });
    vectorMap = new maplibregl.Map(options);
    vectorMap.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-left");
    vectorMap.on("error", (event) => { status.textContent = String((event.error && event.error.message) || event.error); });
    vectorMap.on("moveend", writeHash);
    let shown = null;
    const show = (event, clicked) => {
      const feature = vectorMap.queryRenderedFeatures(event.point, { layers: [fill.id] })[0];
      vectorMap.getCanvas().style.cursor = feature ? "pointer" : "";
      if (!feature) {
        vectorMap.setFilter(hover.id, ["==", ["get", "id"], ""]);
        if (clicked) showUnit(null);
        shown = null;
        return;
      }
      if (feature.properties.id === shown) return;
      shown = feature.properties.id;
      vectorMap.setFilter(hover.id, ["==", ["get", "id"], shown]);
      showUnit(unitOfFeature(feature.properties, tilejson));
    };
    vectorMap.on("mousemove", (event) => show(event, false));
    vectorMap.on("click", (event) => show(event, true));
    showHint("Point at a unit to see its name and value.");
  }

  async function open(entry, view) {
    const tilejson = await fetchJson(entry.tilejson);
    current = { entry, tilejson };
    select.value = entry.name;
    if (tileLayer) tileLayer.remove();
    tileLayer = null;
    showTitles(tilejson);
    showLegend(tilejson);
    if (entry.vector) await openVector(entry, tilejson, tilejson.bounds, view);
    else openRaster(entry, tilejson, tilejson.bounds, view);
    writeHash();
  }

  const reportError = (error) => { status.textContent = String(error.message || error); };
  map.on("moveend", () => { if (current && !current.entry.vector) writeHash(); });
  // A view pasted into the address bar of an open page.
  window.addEventListener("hashchange", () => {
    const view = parseHash();
    const entry = catalog.tile_sets.find((set) => set.name === view.name);
    if (!entry) return;
    if (!current || entry.name !== current.entry.name) open(entry, view).catch(reportError);
    else if (Number.isFinite(view.z) && entry.vector && vectorMap) vectorMap.jumpTo({ center: [view.lon, view.lat], zoom: view.z - 1 });
    else if (Number.isFinite(view.z)) map.setView([view.lat, view.lon], view.z);
  });
  map.on("click", async (event) => {
    if (!current || !current.entry.query || current.entry.vector) return;
    const lon = L.Util.wrapNum(event.latlng.lng, [-180, 180], true);
    try {
      const answer = await fetchJson(current.entry.query + "?lon=" + lon.toFixed(6) + "&lat=" + event.latlng.lat.toFixed(6));
      showUnit(answer.unit);
    } catch (error) {
      reportError(error);
    }
  });
  select.addEventListener("change", () => {
    const entry = catalog.tile_sets.find((set) => set.name === select.value);
    if (entry) open(entry).catch(reportError);
  });

  fetchJson("_/tilesets.json").then((answer) => {
    catalog = answer;
    if (catalog.basemap) L.tileLayer(catalog.basemap, { attribution: "" }).addTo(map);
    for (const set of catalog.tile_sets) select.append(new Option(set.name, set.name));
    if (!catalog.tile_sets.length) {
      status.textContent = "No tile sets are served.";
      return;
    }
    const view = parseHash();
    const entry = catalog.tile_sets.find((set) => set.name === view.name) || catalog.tile_sets[0];
    return open(entry, entry.name === view.name ? view : null);
  }).catch(reportError);
})();
