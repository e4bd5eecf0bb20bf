/* The find page's map: stations with their cars (green when one is free for the slot) and the
   starting point. Data comes from the page's json_script; the table below has the same content
   for keyboard and screen-reader users and for browsers without JavaScript. */
(function () {
  "use strict";

  var container = document.getElementById("map");
  var configElement = document.getElementById("carsharing-map-config");
  if (!container || !configElement || typeof L === "undefined") {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var labels = config.labels;

  // Popups are built from DOM nodes, never from HTML strings: names come from the database.
  function el(tag, text) {
    var node = document.createElement(tag);
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function stationPopup(station) {
    var box = el("div");
    box.appendChild(el("strong", station.name));
    if (station.commune) {
      box.appendChild(el("div", station.commune));
    }
    if (station.charging) {
      box.appendChild(el("div", labels.charging));
    }
    var list = el("ul");
    station.vehicles.forEach(function (v) {
      var item = el("li", v.name + " (" + v.model + ") — ");
      if (v.available) {
        item.appendChild(document.createTextNode(labels.price + " " + v.price + " € "));
        var link = el("a", labels.book);
        link.href = v.bookUrl;
        item.appendChild(link);
      } else {
        item.appendChild(document.createTextNode(labels.unavailable + ": " + v.reason));
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  var map = L.map(container).setView(config.center, config.zoom);
  L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);

  var bounds = [];
  config.stations.forEach(function (station) {
    var free = station.vehicles.some(function (v) {
      return v.available;
    });
    var marker = L.marker([station.lat, station.lon], {
      title: station.name + " — " + (free ? labels.available : labels.unavailable),
      icon: L.divIcon({
        className: "station-marker" + (free ? " station-marker--free" : ""),
        iconSize: [18, 18],
      }),
    });
    marker.bindPopup(stationPopup(station));
    marker.addTo(map);
    bounds.push([station.lat, station.lon]);
  });
  if (config.origin) {
    L.marker([config.origin.lat, config.origin.lon], {
      title: labels.origin + ": " + config.origin.name,
      icon: L.divIcon({ className: "origin-marker", iconSize: [14, 14] }),
    })
      .bindPopup(el("strong", labels.origin + ": " + config.origin.name))
      .addTo(map);
    bounds.push([config.origin.lat, config.origin.lon]);
  }
  if (bounds.length > 1) {
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: 13 });
  } else if (bounds.length === 1) {
    map.setView(bounds[0], 13);
  }
})();
