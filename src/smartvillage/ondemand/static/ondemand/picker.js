/* Map picker of the booking forms: choose "From" or "To", click the map, the point goes into
   the form's hidden latitude/longitude fields. The server checks the point is in the zone.
   Without JavaScript the picker stays hidden and the stop, place and address fields work. */
(function () {
  "use strict";

  var box = document.getElementById("picker");
  var configElement = document.getElementById("picker-config");
  if (!box || !configElement || typeof L === "undefined") {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var status = document.getElementById("picker-status");
  var target = "origin";
  var markers = {};

  function field(prefix, name) {
    return document.getElementById("id_" + prefix + "_" + name);
  }

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  box.hidden = false;
  var map = L.map("picker-map").setView(config.center, config.zoom);
  L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 18 }).addTo(map);
  if (config.zone) {
    var zone = L.geoJSON(config.zone, { interactive: false, style: { weight: 2, fillOpacity: 0.05 } });
    zone.addTo(map);
  }
  (config.stops || []).forEach(function (stop) {
    L.circleMarker([stop.lat, stop.lon], { radius: 5, interactive: false }).addTo(map);
  });

  var buttons = box.querySelectorAll("button[data-target]");
  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      target = button.getAttribute("data-target");
      buttons.forEach(function (other) {
        other.setAttribute("aria-pressed", other === button ? "true" : "false");
      });
    });
  });

  function place(prefix, lat, lon) {
    var latField = field(prefix, "lat");
    var lonField = field(prefix, "lon");
    if (!latField || !lonField) {
      return;
    }
    latField.value = lat.toFixed(6);
    lonField.value = lon.toFixed(6);
    ["stop", "place"].forEach(function (name) {
      var select = field(prefix, name);
      if (select) {
        select.value = "";
      }
    });
    var found = field(prefix, "found");
    if (found) {
      found.value = "";
    }
    if (markers[prefix]) {
      markers[prefix].setLatLng([lat, lon]);
    } else {
      markers[prefix] = L.marker([lat, lon], { title: config.labels[prefix] }).addTo(map);
    }
    say(config.labels[prefix] + " : " + lat.toFixed(5) + ", " + lon.toFixed(5));
  }

  map.on("click", function (event) {
    place(target, event.latlng.lat, event.latlng.lng);
    if (target === "origin") {
      var next = box.querySelector('button[data-target="destination"]');
      if (next) {
        next.click();
      }
    }
  });

  ["origin", "destination"].forEach(function (prefix) {
    var lat = field(prefix, "lat");
    var lon = field(prefix, "lon");
    if (lat && lon && lat.value && lon.value) {
      place(prefix, parseFloat(lat.value), parseFloat(lon.value));
    }
    // A stop or place chosen by hand wins over the map point. (Text typed in the address
    // field keeps the point as its description; the server looks up an edited address.)
    ["stop", "place"].forEach(function (name) {
      var select = field(prefix, name);
      if (!select) {
        return;
      }
      select.addEventListener("change", function () {
        if (select.value && lat && lon) {
          lat.value = "";
          lon.value = "";
          if (markers[prefix]) {
            map.removeLayer(markers[prefix]);
            delete markers[prefix];
          }
        }
      });
    });
  });
})();
