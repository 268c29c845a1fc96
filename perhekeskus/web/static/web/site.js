// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // "Use my location": fills the position fields (rounded to about 100 m) and searches near it.
  function setUpLocate(root) {
    var button = root.querySelector("#locate");
    if (!button || button.dataset.ready || !("geolocation" in navigator)) return;
    button.dataset.ready = "true";  // set-up runs after every swap; listen once per button
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
    root.querySelectorAll("a[data-locate]:not([data-ready])").forEach(function (link) {
      link.dataset.ready = "true";
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

  // The map view of the results on the page: Leaflet is loaded only when the map is opened.
  function setUpMap() {
    var button = document.getElementById("show-map");
    var panel = document.getElementById("map-panel");
    if (!button || !panel || button.dataset.ready) return;
    button.dataset.ready = "true";
    button.hidden = false;
    function open() {
      panel.hidden = false;
      button.setAttribute("aria-expanded", "true");
      button.textContent = panel.dataset.hideLabel;
      sessionStorage.setItem("perhekeskus-map", "open");
      loadLeaflet(panel, function () { drawMap(panel); });
    }
    function close() {
      panel.hidden = true;
      button.setAttribute("aria-expanded", "false");
      button.textContent = panel.dataset.showLabel;
      sessionStorage.removeItem("perhekeskus-map");
    }
    button.addEventListener("click", function () {
      if (panel.hidden) open(); else close();
    });
    if (sessionStorage.getItem("perhekeskus-map") === "open") open();
  }

  // A small map of one place on a service page, loaded when asked for; the address beside it says
  // the same in words, and the route link works without it.
  function setUpPlaceMaps(root) {
    root.querySelectorAll("button.place-map-button:not([data-ready])").forEach(function (button) {
      var panel = document.getElementById(button.getAttribute("aria-controls"));
      if (!panel) return;
      button.dataset.ready = "true";
      button.hidden = false;
      button.addEventListener("click", function () {
        var opening = panel.hidden;
        panel.hidden = !opening;
        button.setAttribute("aria-expanded", String(opening));
        button.textContent = opening ? button.dataset.hideLabel : button.dataset.showLabel;
        if (opening) loadLeaflet(panel, function () { drawPlace(panel); });
      });
    });
  }

  function drawPlace(panel) {
    if (panel.dataset.drawn) return;
    panel.dataset.drawn = "true";
    var point = [parseFloat(panel.dataset.lat), parseFloat(panel.dataset.lon)];
    var map = window.L.map(panel, { scrollWheelZoom: false }).setView(point, 15);
    window.L.tileLayer(panel.dataset.tiles, { attribution: panel.dataset.attribution, maxZoom: 18 }).addTo(map);
    window.L.marker(point, { title: panel.dataset.name, alt: panel.dataset.name, keyboard: false }).addTo(map);
  }

  var leafletWaiting = null;  // callbacks waiting for Leaflet while it loads

  function loadLeaflet(panel, done) {
    if (leafletWaiting) { leafletWaiting.push(done); return; }
    if (window.L) { done(); return; }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = panel.dataset.leafletCss;
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = panel.dataset.leafletJs;
    leafletWaiting = [done];
    script.onload = function () {
      var waiting = leafletWaiting;
      leafletWaiting = null;
      waiting.forEach(function (callback) { callback(); });
    };
    document.head.appendChild(script);
  }

  function drawMap(panel) {
    var container = document.getElementById("map");
    if (!container || container.dataset.drawn) return;
    container.dataset.drawn = "true";
    var points = JSON.parse(document.getElementById("map-points").textContent);
    var map = window.L.map(container, { scrollWheelZoom: false });
    window.L.tileLayer(panel.dataset.tiles, { attribution: panel.dataset.attribution, maxZoom: 18 }).addTo(map);
    // Markers stay out of the tab order: the list beside the map is the way through by keyboard.
    var markers = points.map(function (point) {
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      return window.L.marker([point.lat, point.lon], { title: point.name, alt: point.name, keyboard: false }).bindPopup(link);
    });
    var group = window.L.featureGroup(markers).addTo(map);
    map.fitBounds(group.getBounds(), { maxZoom: 14, padding: [24, 24] });
  }

  // The filters stand beside the results on a wide screen: open them there (on a phone they wait
  // behind their button, so that the results come first).
  function openFiltersWhenWide() {
    var panel = document.getElementById("filters-panel");
    if (panel && window.matchMedia("(min-width: 52rem)").matches) panel.open = true;
  }

  // Long lists of choices in the workspace (workspace/widgets.py): a filter box that opens the groups
  // holding a match, and each group's count of what is chosen.
  function setUpChoicePickers(root) {
    root.querySelectorAll("[data-choice-picker]:not([data-ready])").forEach(function (picker) {
      picker.setAttribute("data-ready", "");
      var groups = Array.prototype.slice.call(picker.querySelectorAll("[data-choice-group]"));
      var openAtFirst = groups.map(function (group) { return group.open; });
      var filter = picker.querySelector("[data-choice-filter]");
      if (filter) {
        var none = picker.querySelector("[data-choice-none]");
        filter.closest(".choice-filter").hidden = false;
        filter.addEventListener("input", function () {
          var words = filter.value.trim().toLowerCase();
          var found = 0;
          groups.forEach(function (group, index) {
            var wholeGroup = words && group.querySelector("summary").textContent.toLowerCase().indexOf(words) !== -1;
            var shown = 0;
            group.querySelectorAll("li").forEach(function (item) {
              item.hidden = !(!words || wholeGroup || item.textContent.toLowerCase().indexOf(words) !== -1);
              if (!item.hidden) shown += 1;
            });
            group.hidden = shown === 0;
            group.open = words ? shown > 0 : openAtFirst[index] || group.querySelector("input:checked") !== null;
            found += shown;
          });
          none.hidden = found > 0;
        });
        // Enter in the filter box would send the form half-done.
        filter.addEventListener("keydown", function (event) {
          if (event.key === "Enter") event.preventDefault();
        });
      }
      picker.addEventListener("change", function (event) {
        var group = event.target.closest("[data-choice-group]");
        if (!group) return;
        var count = group.querySelectorAll("input:checked").length;
        var text = picker.getAttribute(count === 1 ? "data-chosen-one" : "data-chosen-other") || "";
        group.querySelector("[data-chosen-count]").textContent = count ? text.replace(/\d+/, count) : "";
      });
    });
  }

  // The opening-hours grid (workspace/schedule_form.html): "Copy Monday to Tuesday–Friday" copies in
  // place (without JavaScript the button asks the server, which shows the copy unsaved), and a period
  // says "next day" as soon as its closing time is no later than its opening time.
  function setUpHoursGrid(root) {
    root.querySelectorAll("button[data-copy-weekdays]:not([data-ready])").forEach(function (button) {
      var grid = document.getElementById(button.getAttribute("data-copy-weekdays"));
      var done = document.getElementById(button.getAttribute("data-status"));
      if (!grid) return;
      button.setAttribute("data-ready", "");
      function markNextDay(period) {
        var times = period.querySelectorAll("input");
        var note = period.querySelector("[data-next-day]");
        // Times are "HH:MM": as text they sort in time order.
        if (note) note.hidden = !(times[0].value && times[1].value && times[1].value <= times[0].value);
      }
      grid.addEventListener("input", function (event) {
        var period = event.target.closest(".period");
        if (period) markNextDay(period);
      });
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var monday = grid.querySelectorAll('tr[data-weekday="0"] input');
        ["1", "2", "3", "4"].forEach(function (day) {
          var row = grid.querySelector('tr[data-weekday="' + day + '"]');
          row.querySelectorAll("input").forEach(function (input, index) { input.value = monday[index].value; });
          row.querySelectorAll(".period").forEach(markNextDay);
        });
        if (done) done.textContent = button.getAttribute("data-done");
      });
    });
  }

  // A menu behind a <details> (the account, the languages) closes on a click or focus elsewhere and
  // on Escape (back to its button), as a menu does.
  function setUpMenu(menu) {
    if (menu.dataset.menu) return;
    menu.dataset.menu = "on";
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
    menu.addEventListener("focusout", function (event) {
      if (menu.open && event.relatedTarget && !menu.contains(event.relatedTarget)) menu.open = false;
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    openFiltersWhenWide();
    document.querySelectorAll("details.account-menu, details.language-menu").forEach(setUpMenu);
    setUpHoursGrid(document);
    setUpChoicePickers(document);
    setUpPlaceMaps(document);
    setUpLocate(document);
    setUpLocateLinks(document);
    setUpMap();
  });

  // Set-up for new content waits until htmx has settled it: settling resets the class of each new element
  // with an id to the one it came with, which would strip the classes Leaflet gives a map drawn earlier.
  document.addEventListener("htmx:afterSettle", function (event) {
    openFiltersWhenWide();
    // The language menu comes anew with search results (its addresses keep the query).
    document.querySelectorAll("details.language-menu").forEach(setUpMenu);
    setUpLocate(document);
    setUpMap();
    // After paging or removing a filter the link is gone: continue from the results heading.
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (source && source.tagName === "A") {
      var heading = document.getElementById("results-heading");
      if (heading) heading.focus();
    }
  });
})();
