// Accessibility fix to Material's defaults (WCAG 2.1 AA 2.1.1 Keyboard), checked by axe in tests/browser.
// Material wraps each table in a box that scrolls sideways on narrow screens; make the box reachable by
// keyboard (so the arrow keys can scroll it) and give it a name for screen readers: the table's caption, or
// else the heading above it, so that no two regions on a page share a name (axe: landmark-unique).
document$.subscribe(function () {
  var used = {};
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
    var name = "Tabell: " + tableTitle(box);
    used[name] = (used[name] || 0) + 1;
    if (used[name] > 1) name += " (" + used[name] + ")";
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", name + " (kan rullas i sidled)");
  });
});

function tableTitle(box) {
  var caption = box.querySelector("caption");
  if (caption && caption.textContent.trim()) return caption.textContent.trim();
  // The nearest heading before the box in document order.
  var headings = document.querySelectorAll("article h1, article h2, article h3, article h4");
  var title = "";
  headings.forEach(function (heading) {
    if (heading.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING) {
      title = heading.textContent.trim();
    }
  });
  return title || document.title;
}
