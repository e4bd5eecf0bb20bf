/* Profile page: fill the commune suggestions as the person types (a full list would weigh too
   much). The datalist carries the suggestions URL; the input names it with list="...". */
(function () {
  "use strict";
  var list = document.getElementById("commune-suggestions");
  var input = document.querySelector('input[list="commune-suggestions"]');
  if (!input || !list || !list.dataset.url || !window.fetch) return;
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2 || /\(\w{5}\)$/.test(q)) return;
    timer = setTimeout(function () {
      fetch(list.dataset.url + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { communes: [] }; })
        .then(function (data) {
          list.replaceChildren.apply(list, data.communes.map(function (label) {
            var option = document.createElement("option");
            option.value = label;
            return option;
          }));
        })
        .catch(function () {});
    }, 250);
  });
})();
