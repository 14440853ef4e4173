// The handbook's service worker: keeps one edition of the handbook on the device, so that it opens, searches and
// shows the agreement and the activation cards with the network down.
//
// The build puts this file at the site's root after a header with the edition and the list of kept files
// (macros/outputs/app/): EDITION, PRECACHE (paths from the root), SHEETS (the party sheets' folder: kept once
// opened) and NEVER (never kept: the offline zip). No library: the whole job is the three handlers below, and a
// library's runtime (such as Workbox) would be more code to ship and to trust than this.
//
// The root is where this file lies, so the same file works at a domain's root and under a sub-path (a GitHub
// Pages project site). Caches belong to an origin, not to a site under it: each name carries the scope, so two
// copies of the handbook on one origin never remove each other's.
"use strict";

const ROOT = new URL("./", self.location.href);
const PREFIX = "samverkanshandboken " + self.registration.scope + " ";
const CACHE = PREFIX + EDITION;
const KEPT = new Set(PRECACHE);

// Install: fetch the whole edition into its own cache. "no-cache" asks the server whether a file the browser holds
// is still current, so a file from the previous edition is never kept under this one. Any file missing and the
// install fails whole: the previous edition stays in use. Then take over at once: the page says that a new
// edition is there (app.js), and reloading shows it.
self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(PRECACHE.map((path) => new Request(new URL(path, ROOT), { cache: "no-cache" })));
      await self.skipWaiting();
    })(),
  );
});

// Activate: remove the earlier editions of this copy of the handbook, and control the open pages.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT.href)) return; // not the handbook's: untouched
  const url = new URL(request.url);
  let path = url.pathname.slice(ROOT.pathname.length);
  if (path === "" || path.endsWith("/")) path += "index.html";
  if (KEPT.has(path)) {
    event.respondWith(kept(path, request));
  } else if (path.startsWith(SHEETS)) {
    event.respondWith(keptOnceOpened(path, request));
  } else if (request.mode === "navigate" && !NEVER.includes(path)) {
    event.respondWith(network(request));
  }
  // anything else (the zip, open data, schemas, the feed): the network, as without a worker
});

// A kept file from this edition's cache (the query, such as search's ?h=, is not part of the name).
async function kept(path, request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(new URL(path, ROOT).href)) || network(request);
}

// A party sheet: from the network when there is one, and kept in this edition's cache for the next time.
async function keptOnceOpened(path, request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.status === 200) await cache.put(new URL(path, ROOT).href, response.clone());
    return response;
  } catch (error) {
    return (await cache.match(new URL(path, ROOT).href)) || notKept(request);
  }
}

async function network(request) {
  try {
    return await fetch(request);
  } catch (error) {
    return notKept(request);
  }
}

// A page or file that is not kept, asked for without a network: say so in Swedish instead of the browser's error.
function notKept(request) {
  if (request.mode !== "navigate") return Response.error();
  const home = new URL("index.html", ROOT).href;
  const body =
    '<!doctype html><html lang="sv"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><title>Inte sparad – Samverkanshandboken</title>' +
    "</head><body><main><h1>Sidan finns inte sparad på enheten</h1>" +
    "<p>Du är inte ansluten till nätet, och den här filen hämtas först när du öppnar den med nät. " +
    "Handbokens sidor, sökningen, överenskommelsen och aktiveringskorten finns sparade.</p>" +
    '<p><a href="' + home + '">Till startsidan</a></p></main></body></html>';
  return new Response(body, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
