/* The contacts map of seasonal work: markers from the page's json_script; popups are built
   from DOM nodes, never from HTML strings (names come from the database). */
(function () {
  "use strict";

  var container = document.getElementById("map");
  var configElement = document.getElementById("map-config");
  if (!container || !configElement || typeof L === "undefined") {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var map = L.map(container).setView(config.center, config.zoom);
  L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);
  var bounds = [];
  config.markers.forEach(function (m) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = m.name;
    box.appendChild(title);
    m.lines.forEach(function (line) {
      if (line) {
        var p = document.createElement("div");
        p.textContent = line;
        box.appendChild(p);
      }
    });
    L.marker([m.lat, m.lon]).bindPopup(box).addTo(map);
    bounds.push([m.lat, m.lon]);
  });
  if (bounds.length) {
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: 13 });
  }
})();
