/* The actors directory map: actors from the directory's GeoJSON (same filters as the list).
   Configuration comes from the page's json_script; popups are DOM nodes, never HTML strings
   (names come from the database). The list under the map works without JavaScript. */
(function () {
  "use strict";

  var container = document.getElementById("map");
  var configElement = document.getElementById("map-config");
  if (!container || !configElement || typeof L === "undefined") {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var map = L.map(container, { preferCanvas: true }).setView(config.center, config.zoom);
  L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);

  function popup(properties) {
    var box = document.createElement("div");
    var heading = document.createElement("a");
    heading.textContent = properties.name;
    heading.href = properties.url;
    box.appendChild(heading);
    var line = document.createElement("div");
    line.textContent = properties.communes;
    box.appendChild(line);
    return box;
  }

  fetch(config.geojsonUrl, { headers: { Accept: "application/geo+json" } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.json();
    })
    .then(function (collection) {
      var layer = L.geoJSON(collection, {
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, {
            radius: 8, color: "#fff", weight: 2, fillColor: "#1d5e3b", fillOpacity: 0.9,
          });
        },
        onEachFeature: function (feature, marker) {
          marker.bindPopup(popup(feature.properties));
        },
      }).addTo(map);
      if (collection.features.length) {
        map.fitBounds(layer.getBounds(), { maxZoom: 12, padding: [20, 20] });
      }
      container.setAttribute("data-markers", String(collection.features.length));
    })
    .catch(function () {
      var status = document.getElementById("map-status");
      if (status) {
        status.textContent = config.labels.error;
      }
    });
})();
