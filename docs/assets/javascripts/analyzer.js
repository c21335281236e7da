/**
 * Loads the in-browser analyzer (analyzer-widget.js) on a page that has one, and on no
 * other: every page lists this module (extra_javascript), so it stays a few lines and
 * the article's first visit does not carry the widget's code.
 */

function loadWhereNeeded() {
  if (document.querySelector(".analyzer[data-pyodide-lock]")) {
    import("./analyzer-widget.js"); // a module runs once, however often this is called
  }
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(loadWhereNeeded);
} else {
  loadWhereNeeded();
}
