/* The map of hitchhiking stops, loaded as GeoJSON. Configuration from the page's json_script. */
(function () {
  "use strict";
  var container = document.getElementById("map");
  var configElement = document.getElementById("map-config");
  if (!container || !configElement || typeof L === "undefined") {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var labels = config.labels;
  var map = L.map(container).setView(config.center, config.zoom);
  L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);

  // Popups are DOM nodes, never HTML strings: names come from the database.
  function popup(p) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = p.name + " (" + p.commune + ")";
    box.appendChild(title);
    [[labels.directions, p.directions.join(", ")],
     [labels.shelter, p.shelter ? labels.yes : labels.no],
     [labels.wheelchair, p.wheelchair ? labels.yes : labels.no]].forEach(function (row) {
      var line = document.createElement("div");
      line.textContent = row[0] + " : " + row[1];
      box.appendChild(line);
    });
    var link = document.createElement("a");
    link.href = p.cards_url;
    link.textContent = labels.cards;
    box.appendChild(link);
    return box;
  }

  fetch(config.stopsUrl, { headers: { Accept: "application/geo+json" } })
    .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        onEachFeature: function (feature, marker) { marker.bindPopup(popup(feature.properties)); },
      }).addTo(map);
      if (data.features.length) { map.fitBounds(layer.getBounds(), { maxZoom: 13 }); }
    })
    .catch(function () { document.getElementById("map-status").textContent = labels.error; });
})();
