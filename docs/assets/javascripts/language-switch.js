// Switching language keeps the section you are reading: /fix/x/#verify <-> /en/fix/x/#verify.
// Heading ids are identical in both languages, so the anchor exists on the twin page.
// Without JavaScript the switcher still opens the twin page, at its top.

function keepAnchor(event) {
  // Always assign, also the empty hash: the link may carry a hash from an earlier
  // click (instant navigation keeps the header), and a stale one must not win.
  event.currentTarget.hash = location.hash;
}

function wire() {
  for (const link of document.querySelectorAll("a.md-select__link[hreflang]")) {
    if (link.dataset.keepsAnchor) continue; // document$ can emit more than once
    link.dataset.keepsAnchor = "true";
    link.addEventListener("click", keepAnchor);
  }
}

if (typeof document$ !== "undefined") {
  document$.subscribe(wire);
} else {
  wire();
}
