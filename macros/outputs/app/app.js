// The page's side of the handbook's app (macros/outputs/app/): register the service worker, which keeps the handbook
// on the device, and say when a new edition has been published.
//
// The build adds this script to every page with the worker's address relative to the page (data-worker), so that
// it works under any sub-path. Nothing happens where there can be no worker: a site opened from disk (file://,
// the offline zip) or a browser without service workers. The site then works as it always has.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var worker = new URL(script.getAttribute("data-worker"), location.href);
  var NOTICE = "En ny utgåva finns – ladda om sidan.";

  // A page that a worker already controlled when it loaded shows an edition; when another worker takes over, a
  // new edition has been kept, and the page says so once that worker has finished taking over (the earlier
  // edition's cache is removed by then). The first worker taking over a page is no news.
  var controlled = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    var now = navigator.serviceWorker.controller;
    if (controlled && now) whenActivated(now, notify);
    controlled = true;
  });

  function whenActivated(worker, then) {
    if (worker.state === "activated") return then();
    worker.addEventListener("statechange", function () {
      if (worker.state === "activated") then();
    });
  }

  // The live region is there from the start, empty, so that screen readers announce the text when it arrives.
  var region = document.createElement("div");
  region.className = "app-utgava";
  region.setAttribute("role", "status");
  var skip = document.querySelector(".md-skip");
  if (skip) skip.after(region); // near the top of the keyboard's order; shown at the bottom of the screen
  else document.body.prepend(region);

  function notify() {
    if (region.firstChild) return;
    var text = document.createElement("p");
    text.textContent = NOTICE;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Ladda om";
    button.addEventListener("click", function () {
      location.reload();
    });
    region.append(text, button);
    document.documentElement.classList.add("app-utgava-visas");
  }

  // After the page has loaded: the first visit's download of the whole edition must not slow the page down.
  window.addEventListener("load", function () {
    navigator.serviceWorker
      .register(worker.href)
      .then(function (registration) {
        // A phone keeps a page open for days: look for a new edition whenever the page is shown again.
        document.addEventListener("visibilitychange", function () {
          if (document.visibilityState === "visible") registration.update().catch(function () {});
        });
      })
      .catch(function () {}); // no worker (private mode, storage full): the site works as without one
  });
})();
