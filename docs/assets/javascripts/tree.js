/**
 * Decision tree wizard for /tree/.
 *
 * The page works without this module: every question is a <section id="tree-…">
 * and every answer a link to the next one. This module only shows one section at a
 * time. The state lives in the URL hash (#tree-<node>), so the browser's back and
 * forward buttons, reloads and deep links from support tickets all just work: the
 * module reacts to `hashchange` and never pushes history itself.
 *
 * Wired through Material's `document$`, which can emit more than once; a root that
 * is already set up is left alone.
 */

const TEXT = {
  zh: { back: "上一步", restart: "重新开始", step: "第 {n} 步" },
  en: { back: "Back", restart: "Start over", step: "Step {n}" },
};

function text(key, n) {
  const lang = document.documentElement.lang === "zh" ? "zh" : "en";
  return TEXT[lang][key].replace("{n}", String(n));
}

function hashId() {
  try {
    return decodeURIComponent(location.hash.slice(1));
  } catch {
    return "";
  }
}

function setup(root) {
  if (root.dataset.treeWizard === "on") return;
  root.dataset.treeWizard = "on";

  const sections = new Map(
    [...root.querySelectorAll(":scope > .tree-node")].map((s) => [s.id, s]),
  );
  const startId = root.dataset.treeStart;
  const map = document.querySelector(".tree-map");
  // Node ids visited in this page session, to tell "back" from a new step.
  const trail = [];

  const bar = document.createElement("nav");
  bar.className = "tree__bar";
  const back = document.createElement("button");
  back.type = "button";
  back.className = "md-button tree__back";
  back.textContent = text("back");
  back.addEventListener("click", () => history.back());
  const restart = document.createElement("a");
  restart.className = "md-button tree__restart";
  restart.href = `#${startId}`;
  restart.textContent = text("restart");
  const counter = document.createElement("span");
  counter.className = "tree__step";
  counter.setAttribute("aria-live", "polite");
  bar.append(counter, back, restart);
  root.prepend(bar);

  function highlight(currentId) {
    if (!map) return;
    const visited = new Set(trail);
    for (const node of map.querySelectorAll("[data-tree-node]")) {
      const id = node.dataset.treeNode;
      node.classList.toggle("is-current", id === currentId);
      node.classList.toggle("is-visited", visited.has(id) && id !== currentId);
    }
    for (const edge of map.querySelectorAll(".tree-map__edge")) {
      const i = trail.indexOf(edge.dataset.from);
      const onTrail = i >= 0 && trail[i + 1] === edge.dataset.to;
      edge.classList.toggle("is-active", onTrail || edge.dataset.from === currentId);
    }
  }

  function show(event) {
    const wanted = hashId();
    const isNode = sections.has(wanted);
    const current = isNode ? sections.get(wanted) : sections.get(startId);
    if (trail.length > 1 && trail[trail.length - 2] === current.id) {
      trail.pop();
    } else if (trail[trail.length - 1] !== current.id) {
      if (current.id === startId) trail.length = 0;
      trail.push(current.id);
    }
    for (const section of sections.values()) {
      section.classList.toggle("is-current", section === current);
    }
    counter.textContent = text("step", trail.length);
    back.hidden = trail.length < 2;
    restart.hidden = current.id === startId;
    highlight(current.id);
    if (isNode) {
      // The browser could not scroll to the section while it was hidden; its
      // scroll-margin keeps the bar above it in view.
      current.scrollIntoView({ block: "start" });
      if (event !== null) {
        current.setAttribute("tabindex", "-1");
        current.focus({ preventScroll: true });
      }
    }
  }

  root.classList.add("tree--wizard");
  window.addEventListener("hashchange", show);
  show(null);
}

function init() {
  for (const root of document.querySelectorAll(".tree[data-tree-start]")) setup(root);
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(init);
} else {
  init();
}
