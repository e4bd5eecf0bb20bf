/* The impact dashboard's map: one circle per commune, sized by the car km avoided. Data come
   from the page's json_script; the table under the map has the same figures for keyboard and
   screen-reader users and for browsers without JavaScript. */
(function () {
  "use strict";

  var container = document.getElementById("impact-map");
  var configElement = document.getElementById("impact-map-config");
  if (!container || !configElement || typeof L === "undefined") {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var map = L.map(container).setView(config.center, config.zoom);
  L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);
  var top = 0;
  config.points.forEach(function (p) {
    top = Math.max(top, p.km);
  });
  var bounds = [];
  config.points.forEach(function (p) {
    var popup = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = p.name;
    popup.appendChild(name);
    var line = document.createElement("div");
    line.textContent =
      Math.round(p.km) + " " + config.labels.km + " · " + Math.round(p.co2) + " " + config.labels.co2;
    popup.appendChild(line);
    L.circleMarker([p.lat, p.lon], {
      radius: 4 + (top ? 16 * Math.sqrt(p.km / top) : 0),
      color: "#1d5e3b",
      fillOpacity: 0.5,
    })
      .bindPopup(popup)
      .addTo(map);
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length > 1) {
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: 12 });
  }
})();
