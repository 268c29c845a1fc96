// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // "Use my location": fills the position fields (rounded to about 100 m) and searches near it.
  function setUpLocate(root) {
    var button = root.querySelector("#locate");
    if (!button || !("geolocation" in navigator)) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var message = root.querySelector("#locate-message");
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var form = button.form;
          form.querySelector("#lat").value = position.coords.latitude.toFixed(3);
          form.querySelector("#lon").value = position.coords.longitude.toFixed(3);
          var radius = form.querySelector("#radius_km");
          radius.disabled = false;
          if (!radius.value) radius.value = "10";
          var sort = form.querySelector("#sort");
          if (!sort.querySelector('option[value="distance"]')) {
            var option = document.createElement("option");
            option.value = "distance";
            option.textContent = radius.labels[0].textContent;
            sort.appendChild(option);
          }
          sort.value = "distance";
          form.requestSubmit();
        },
        function () {
          message.textContent = button.dataset.error;
        },
        { timeout: 10000, maximumAge: 600000 }
      );
    });
  }

  // Links that search near the visitor: the position is added to the link when the visitor asks.
  function setUpLocateLinks(root) {
    if (!("geolocation" in navigator)) return;
    root.querySelectorAll("a[data-locate]").forEach(function (link) {
      link.hidden = false;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        navigator.geolocation.getCurrentPosition(
          function (position) {
            var url = new URL(link.href);
            url.searchParams.set("lat", position.coords.latitude.toFixed(3));
            url.searchParams.set("lon", position.coords.longitude.toFixed(3));
            url.searchParams.set("radius_km", "50");
            window.location.href = url.toString();
          },
          function () {
            window.location.href = link.href.replace(/[?&]sort=distance/, "");
          },
          { timeout: 10000, maximumAge: 600000 }
        );
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpLocate(document);
    setUpLocateLinks(document);
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    setUpLocate(document);
    // After paging or removing a filter the link is gone: continue from the results heading.
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (source && source.tagName === "A") {
      var heading = document.getElementById("results-heading");
      if (heading) heading.focus();
    }
  });
})();
