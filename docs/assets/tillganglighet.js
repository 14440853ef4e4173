// Accessibility fix to Material's defaults (WCAG 2.1 AA 2.1.1 Keyboard), checked by axe in tests/browser.
// Material wraps each table in a box that scrolls sideways on narrow screens; make the box reachable by
// keyboard (so the arrow keys can scroll it) and give it a name for screen readers.
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Tabell (kan rullas i sidled)");
  });
});

