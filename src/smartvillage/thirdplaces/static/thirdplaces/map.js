/* Third-place maps: the directory (places from GeoJSON) and the coverage page (communes
   coloured by travel time). Configuration comes from the page's json_script; popups are built
   from DOM nodes, never from HTML strings (names come from the database). */
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

  function popup(title, lines, href) {
    var box = document.createElement("div");
    var heading = document.createElement(href ? "a" : "strong");
    heading.textContent = title;
    if (href) {
      heading.href = href;
    }
    box.appendChild(heading);
    lines.forEach(function (line) {
      var p = document.createElement("div");
      p.textContent = line;
      box.appendChild(p);
    });
    return box;
  }

  if (config.geojsonUrl) {
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
              radius: 8, color: "#fff", weight: 2, fillColor: "#6d28d9", fillOpacity: 0.9,
            });
          },
          onEachFeature: function (feature, marker) {
            var p = feature.properties;
            marker.bindPopup(popup(p.name, [p.commune + " (" + p.insee_code + ")"], p.url));
          },
        }).addTo(map);
        if (collection.features.length) {
          map.fitBounds(layer.getBounds(), { maxZoom: 12, padding: [20, 20] });
        }
        // How many places are drawn (the markers are on a canvas): for people and tests.
        container.setAttribute("data-markers", String(collection.features.length));
      })
      .catch(function () {
        var status = document.getElementById("map-status");
        if (status) {
          status.textContent = config.labels.error;
        }
      });
  }

  // Coverage: green within the threshold, amber up to twice it, red beyond, grey unreachable.
  function colour(minutes) {
    if (minutes === null) {
      return "#6b7280";
    }
    if (minutes <= config.threshold) {
      return "#15803d";
    }
    return minutes <= 2 * config.threshold ? "#d97706" : "#b91c1c";
  }
  (config.communes || []).forEach(function (c) {
    // [latitude, longitude, name, minutes or null, population]
    var radius = Math.max(3, Math.min(18, Math.sqrt(c[4] || 0) / 8));
    L.circleMarker([c[0], c[1]], {
      radius: radius, color: colour(c[3]), weight: 1, fillColor: colour(c[3]), fillOpacity: 0.6,
    })
      .bindPopup(popup(c[2], [c[3] === null ? config.labels.none : c[3] + " " + config.labels.minutes]))
      .addTo(map);
  });
  (config.places || []).forEach(function (p) {
    L.circleMarker([p[0], p[1]], { radius: 7, color: "#fff", weight: 2, fillColor: "#6d28d9", fillOpacity: 1 })
      .bindPopup(popup(p[2], []))
      .addTo(map);
  });
  (config.proposed || []).forEach(function (p) {
    L.circleMarker([p[0], p[1]], { radius: 9, color: "#111", weight: 3, fillColor: "#facc15", fillOpacity: 1 })
      .bindPopup(popup(p[2], [config.labels.gain + " : " + p[3]]))
      .addTo(map);
  });
})();
