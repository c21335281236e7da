// Material's search, narrowed to the reader's language and loaded when the reader wants it.
//
// mkdocs-static-i18n writes ONE search index for both languages, because Material reads a
// single search/search_index.json (mkdocs-static-i18n#271). Left alone, an English query
// lists Chinese pages and the other way round, and every page view downloads the whole
// index (about 250 KB gzip, three times the page itself) and builds it in a worker, even
// when the reader never searches.
//
// Material 9.8 requests the index once, at start-up, with an XMLHttpRequest (GET,
// responseType "blob", listening for "load"), hands the parsed JSON to its worker, and
// holds queries until the worker is ready. This classic script runs before Material's
// bundle (overrides/main.html) and takes over that one request:
//   1. the download starts when the reader first reaches for search: pointer over or
//      focus in the search box or the search button (Material's keyboard shortcut
//      focuses the box), or a ?q= in the address;
//   2. only the entries in the page's language are handed on. The language folders are
//      the hreflang values of the language selector's links ("en/"); a page or entry in
//      none of them is in the default language (Chinese, at the site root).
// Every other request is left alone. If Material stops using XMLHttpRequest for the
// index, search still works, in both languages and loaded at start-up; the browser tests
// (tests/browser/test_quality_search.py) fail on that and say so.

(() => {
  const INDEX_PATH = "/search/search_index.json";

  let startDownload;
  const wanted = new Promise((resolve) => {
    startDownload = resolve;
  });
  const TRIGGERS = ["pointerover", "focusin", "touchstart"];
  function onTrigger(event) {
    if (event.target instanceof Element && event.target.closest(".md-search, label[for='__search']")) want();
  }
  function want() {
    for (const type of TRIGGERS) document.removeEventListener(type, onTrigger, true);
    startDownload();
  }
  for (const type of TRIGGERS) document.addEventListener(type, onTrigger, {capture: true, passive: true});
  if (new URLSearchParams(location.search).has("q")) want();

  function languageFolder(path, folders) {
    return folders.find((folder) => path.startsWith(folder)) ?? "";
  }

  function sameLanguage(index, indexUrl) {
    const root = new URL("..", indexUrl).href; // the folder that holds search/
    const folders = [...document.querySelectorAll("a.md-select__link[hreflang]")]
      .map((link) => `${link.hreflang}/`);
    const page = languageFolder(location.href.startsWith(root) ? location.href.slice(root.length) : "", folders);
    return {...index, docs: index.docs.filter((doc) => languageFolder(doc.location, folders) === page)};
  }

  // The request answers as a finished XMLHttpRequest would: status, response, "load".
  function finish(request, fields, eventType) {
    for (const [name, value] of Object.entries(fields)) {
      Object.defineProperty(request, name, {value, configurable: true});
    }
    request.dispatchEvent(new ProgressEvent(eventType));
    request.dispatchEvent(new ProgressEvent("loadend"));
  }

  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  const indexUrls = new WeakMap();

  XMLHttpRequest.prototype.open = function openSearchIndexLater(method, url, ...rest) {
    const target = new URL(String(url), location.href);
    if (String(method).toUpperCase() === "GET" && target.pathname.endsWith(INDEX_PATH)) {
      indexUrls.set(this, target);
    } else {
      indexUrls.delete(this);
    }
    return open.call(this, method, url, ...rest);
  };

  XMLHttpRequest.prototype.send = function sendSearchIndexWhenWanted(body) {
    const url = indexUrls.get(this);
    if (!url) return send.call(this, body);
    wanted
      .then(() => fetch(url, {credentials: "same-origin"}))
      .then(async (response) => {
        if (!response.ok) {
          finish(this, {readyState: 4, status: response.status, statusText: response.statusText}, "load");
          return;
        }
        const index = sameLanguage(await response.json(), url);
        const blob = new Blob([JSON.stringify(index)], {type: "application/json"});
        finish(this, {readyState: 4, status: 200, statusText: "OK", response: blob}, "load");
      })
      .catch(() => finish(this, {readyState: 4, status: 0}, "error"));
  };
})();
