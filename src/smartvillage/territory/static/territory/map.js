/* The territory map: communes (circles sized by population) and places (dots by kind),
   loaded as GeoJSON from the API. Configuration comes from the page's json_script. */
(function () {
  "use strict";

  var container = document.getElementById("map");
  var configElement = document.getElementById("map-config");
  if (!container || !configElement || typeof L === "undefined") {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var labels = config.labels;
  var status = document.getElementById("map-status");

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  // Popups are built from DOM nodes, never from HTML strings: names come from the database.
  function popup(title, rows) {
    var box = document.createElement("div");
    var heading = document.createElement("strong");
    heading.textContent = title;
    box.appendChild(heading);
    var list = document.createElement("dl");
    rows.forEach(function (row) {
      var term = document.createElement("dt");
      term.textContent = row[0];
      var value = document.createElement("dd");
      value.textContent = row[1];
      list.appendChild(term);
      list.appendChild(value);
    });
    box.appendChild(list);
    return box;
  }

  function withFilter(url) {
    if (!config.departement) {
      return url;
    }
    return url + "?departement=" + encodeURIComponent(config.departement);
  }

  function fetchJson(url) {
    return fetch(url, { headers: { Accept: "application/geo+json, application/json" } }).then(
      function (response) {
        if (!response.ok) {
          throw new Error(response.status + " " + url);
        }
        return response.json();
      }
    );
  }

  // Canvas draws hundreds of commune circles far faster than SVG on modest phones.
  var map = L.map(container, { preferCanvas: true }).setView(config.center, config.zoom);
  var tiles = L.tileLayer(config.tileUrl, {
    attribution: config.tileAttribution,
    maxZoom: 19,
  }).addTo(map);

  var overlays = {};
  var control = L.control.layers({}, {}, { collapsed: false });
  control.addBaseLayer(tiles, labels.baseLayer);
  control.addTo(map);

  function communeLayer(collection) {
    return L.geoJSON(collection, {
      pointToLayer: function (feature, latlng) {
        var population = feature.properties.population || 0;
        var radius = Math.max(3, Math.min(25, Math.sqrt(population) / 6));
        return L.circleMarker(latlng, {
          radius: radius,
          color: "#1e3a8a",
          weight: 1,
          fillColor: "#3b82f6",
          fillOpacity: 0.25,
        });
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        layer.bindPopup(
          popup(p.name, [
            [labels.inseeCode, p.insee_code],
            [labels.population, Number(p.population).toLocaleString(document.documentElement.lang)],
          ])
        );
      },
    });
  }

  function placeLayers(collection) {
    var byKind = {};
    collection.features.forEach(function (feature) {
      var p = feature.properties;
      var coordinates = feature.geometry.coordinates; // [lon, lat] (RFC 7946)
      var marker = L.marker([coordinates[1], coordinates[0]], {
        title: p.name,
        icon: L.divIcon({
          className: "place-marker place-marker--" + p.kind,
          iconSize: [14, 14],
        }),
      });
      var rows = [
        [labels.kind, config.kinds[p.kind] || p.kind],
        [labels.commune, p.commune_name + " (" + p.insee_code + ")"],
      ];
      if (p.address) {
        rows.push([labels.address, p.address]);
      }
      marker.bindPopup(popup(p.name, rows));
      (byKind[p.kind] = byKind[p.kind] || L.layerGroup()).addLayer(marker);
    });
    return byKind;
  }

  say(labels.loading);
  Promise.all([
    fetchJson(withFilter(config.communesUrl)),
    fetchJson(withFilter(config.placesUrl)),
  ])
    .then(function (results) {
      var communes = communeLayer(results[0]).addTo(map);
      overlays.communes = communes;
      control.addOverlay(communes, labels.communes);
      var byKind = placeLayers(results[1]);
      Object.keys(config.kinds).forEach(function (kind) {
        if (byKind[kind]) {
          byKind[kind].addTo(map);
          control.addOverlay(byKind[kind], config.kinds[kind]);
        }
      });
      if (config.departement && results[0].features.length) {
        map.fitBounds(communes.getBounds(), { padding: [10, 10] });
      }
      say(
        labels.loaded
          .replace("%(communes)s", results[0].features.length)
          .replace("%(places)s", results[1].features.length)
      );
    })
    .catch(function () {
      say(labels.error);
    });
})();
