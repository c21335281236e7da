/**
 * In-browser analyzer for /checker/: paste pip's error, get the symptom, the likely
 * causes and the fix pages.
 *
 * It runs explain() from snippets/pip_ssl_check.py, the same file as the command
 * line, in Pyodide that this site serves itself (assets/pyodide/, built by
 * scripts/hooks/pyodide_assets.py): nothing comes from a CDN and nothing pasted
 * leaves the tab. The 13 MB runtime loads only when the paste box gets focus or a
 * paste, never with the page, behind a timeout: a server that sends .wasm with the
 * wrong MIME type makes loadPyodide wait forever, and a firewall may block
 * WebAssembly outright. Then the page says so and points at the local checker.
 *
 * Wired through Material's `document$` (which can emit more than once): a widget
 * already set up is left alone, and the runtime is loaded once per page.
 */

const TEXT = {
  zh: {
    loading: "正在下载 Python 运行环境（约 6 MB，只需下载一次）…",
    starting: "正在启动 Python…",
    ready: "已就绪：粘贴完整的报错，结果会显示在下方。",
    analyzing: "正在分析…",
    failed: "在线分析器无法在此浏览器中启动。",
    failedNoWasm: "这个浏览器不支持或禁用了 WebAssembly。",
    failedTimeout: "{s} 秒内没有加载完成（网络可能拦截了 WebAssembly 文件）。",
    failedError: "加载出错：{error}",
    runLocally: "改为在自己的电脑上运行检查脚本",
    symptom: "症状",
    line: "关键的一行（第 {n} 行）",
    causes: "可能的原因，按可能性排序",
    treeStep: "在决策树中",
    treeAsk: "拿不准是哪一个？回答几个问题",
    unrecognized: "没有识别出已知的错误。试试决策树",
    lastResort: "别的办法都不行时的最后手段",
    notes: "说明",
  },
  en: {
    loading: "Downloading the Python runtime (about 6 MB, downloaded once)…",
    starting: "Starting Python…",
    ready: "Ready: paste the whole error; the answer appears below.",
    analyzing: "Analyzing…",
    failed: "The in-browser analyzer cannot start in this browser.",
    failedNoWasm: "This browser does not support WebAssembly, or it is switched off.",
    failedTimeout: "It did not load within {s} seconds (the network may block WebAssembly files).",
    failedError: "Loading failed: {error}",
    runLocally: "Run the checker on your computer instead",
    symptom: "Symptom",
    line: "The line that gives it away (line {n})",
    causes: "Likely causes, most likely first",
    treeStep: "in the decision tree",
    treeAsk: "Not sure which one? Answer a few questions",
    unrecognized: "No known error found. Try the decision tree",
    lastResort: "The last resort, when nothing else works",
    notes: "Notes",
  },
};

const DEFAULT_TIMEOUT_MS = 60000;
// pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm, python_stdlib.zip, the lock, the wheel.
const RUNTIME_FILES = 6;
const TYPING_DELAY_MS = 250;

function lang() {
  return document.documentElement.lang === "zh" ? "zh" : "en";
}

function t(key, values = {}) {
  return TEXT[lang()][key].replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

/** The page's language root, for links: /checker/ -> /, /en/checker/ -> /en/. */
function siteLink(path) {
  return new URL(`../${path}`, location.href).href;
}

class LoadError extends Error {}

let runtime = null;

/**
 * Load Pyodide and the checker wheel once per page; resolves to `explain(text, lang)`.
 * The lock file's name (with a content hash) comes from the widget, written at build.
 */
function loadRuntime(lockRef) {
  if (runtime) return runtime;
  runtime = (async () => {
    if (typeof WebAssembly !== "object") throw new LoadError(t("failedNoWasm"));
    const base = new URL("../pyodide/", import.meta.url);
    const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
    const pyodide = await loadPyodide({
      indexURL: base.href,
      lockFileURL: new URL(lockRef, base).href,
      packages: ["pip-ssl-check"],
      stdout: () => {},
      stderr: () => {},
    });
    const explainJson = pyodide.runPython(
      "import json, pip_ssl_check\n" +
        "lambda text, lang: json.dumps(pip_ssl_check.explain(text, lang))",
    );
    return (text, language) => JSON.parse(explainJson(text, language));
  })();
  return runtime;
}

function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function link(href, text, className) {
  return element("a", { href, text, ...(className ? { className } : {}) });
}

/** Fill #analyzer-result from explain()'s answer; every pasted byte goes in as text. */
function render(result, answer) {
  const causes = answer.causes || [];
  result.dataset.symptom = answer.symptom;
  result.dataset.causes = causes.join(" ");
  result.dataset.truncated = answer.truncated ? "true" : "false";
  const parts = [];
  const recognized = answer.symptom !== "unrecognized";
  parts.push(
    element(
      "p",
      { className: "analyzer__symptom" },
      element("span", { className: "analyzer__label", text: `${t("symptom")}: ` }),
      link(siteLink(`symptoms/#${answer.symptom}`), answer.symptom_title || answer.symptom),
    ),
  );
  if (answer.evidence) {
    parts.push(
      element("p", { className: "analyzer__label", text: t("line", { n: answer.evidence.line_number }) }),
      element("pre", { className: "analyzer__evidence" }, element("code", { text: answer.evidence.line })),
    );
  }
  if (causes.length) {
    const details = new Map((answer.causes_detail || []).map((d) => [d.id, d]));
    const list = element("ol", { className: "analyzer__causes" });
    for (const id of causes) {
      const title = details.get(id)?.title || id;
      list.append(
        element(
          "li",
          { "data-cause": id },
          link(siteLink(`fix/${id}/`), title, "analyzer__fix"),
          " · ",
          link(siteLink(`tree/#tree-fix-${id}`), t("treeStep"), "analyzer__tree"),
        ),
      );
    }
    parts.push(element("p", { className: "analyzer__label", text: t("causes") }), list);
  }
  parts.push(
    element(
      "p",
      { className: "analyzer__ask" },
      link(siteLink(`tree/#tree-${answer.symptom}`), recognized ? t("treeAsk") : t("unrecognized"), "analyzer__tree-entry"),
    ),
  );
  const notes = answer.notes || [];
  if (notes.length) {
    parts.push(
      element("p", { className: "analyzer__label", text: t("notes") }),
      element("ul", { className: "analyzer__notes" }, ...notes.map((n) => element("li", { text: n }))),
    );
  }
  if (answer.last_resort) {
    parts.push(
      element(
        "p",
        { className: "analyzer__last-resort" },
        `${t("lastResort")}: `,
        link(siteLink(`fix/${answer.last_resort.id}/`), answer.last_resort.title),
      ),
    );
  }
  result.replaceChildren(...parts);
  result.hidden = false;
}

function setup(widget) {
  if (widget.dataset.analyzerReady === "on") return;
  widget.dataset.analyzerReady = "on";

  const input = widget.querySelector("#analyzer-input");
  const status = widget.querySelector(".analyzer__status");
  const progress = widget.querySelector(".analyzer__progress");
  const result = widget.querySelector("#analyzer-result");
  let explain = null;
  let failed = false;
  let pending = null;
  let typingTimer = 0;

  function say(message, state) {
    status.textContent = message;
    widget.dataset.state = state;
    if (progress) progress.hidden = state !== "loading";
  }

  function fail(reason) {
    failed = true;
    say("", "failed");
    status.replaceChildren(
      element("strong", { text: t("failed") }),
      " ",
      `${reason} `,
      link("#run-locally", t("runLocally")),
    );
  }

  /** Count the runtime's files as they arrive: real progress, not a spinner. */
  function watchDownloads() {
    if (typeof PerformanceObserver !== "function") return () => {};
    const base = new URL("../pyodide/", import.meta.url).href;
    const seen = new Set();
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.name.startsWith(base)) continue;
        seen.add(entry.name.split("?")[0]);
        if (explain || failed) continue;
        if (progress) progress.value = Math.min(seen.size, RUNTIME_FILES);
        say(seen.size >= RUNTIME_FILES ? t("starting") : `${t("loading")} ${seen.size}/${RUNTIME_FILES}`, "loading");
      }
    });
    observer.observe({ type: "resource", buffered: false });
    return () => observer.disconnect();
  }

  function ensureLoaded() {
    if (pending) return pending;
    if (progress) {
      progress.max = RUNTIME_FILES;
      progress.value = 0;
    }
    say(t("loading"), "loading");
    const timeoutMs = Number(widget.dataset.loadTimeout) || DEFAULT_TIMEOUT_MS;
    const started = performance.now();
    const stopWatching = watchDownloads();
    let timer = 0;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new LoadError(t("failedTimeout", { s: Math.round(timeoutMs / 1000) }))),
        timeoutMs,
      );
    });
    pending = Promise.race([loadRuntime(widget.dataset.pyodideLock), timeout])
      .then((fn) => {
        explain = fn;
        widget.dataset.loadMs = String(Math.round(performance.now() - started));
        say(t("ready"), "ready");
        return fn;
      })
      .catch((error) => {
        fail(error instanceof LoadError ? error.message : t("failedError", { error: error?.message || error }));
        // A slow network may still deliver after the timeout: then carry on.
        loadRuntime(widget.dataset.pyodideLock)
          .then((fn) => {
            explain = fn;
            failed = false;
            say(t("ready"), "ready");
            analyze();
          })
          .catch(() => {});
        return null;
      })
      .finally(() => {
        clearTimeout(timer);
        stopWatching();
      });
    return pending;
  }

  let generation = 0;
  async function analyze() {
    const mine = ++generation;
    const text = input.value;
    if (!text.trim()) {
      result.hidden = true;
      result.replaceChildren();
      delete result.dataset.symptom;
      delete result.dataset.causes;
      return;
    }
    const fn = explain || (await ensureLoaded());
    if (!fn || mine !== generation) return;
    const answer = fn(text, lang());
    if (mine === generation) render(result, answer);
  }

  input.addEventListener("focus", ensureLoaded);
  input.addEventListener("paste", ensureLoaded);
  input.addEventListener("input", (event) => {
    clearTimeout(typingTimer);
    const whole = event.inputType === "insertFromPaste" || event.inputType === "insertFromDrop";
    if (whole || !input.value.trim()) {
      analyze();
    } else {
      typingTimer = setTimeout(analyze, TYPING_DELAY_MS);
    }
  });
  // With JavaScript (and ES modules) the box replaces the "run it locally" notice.
  widget.hidden = false;
  for (const notice of document.querySelectorAll(".analyzer-fallback")) notice.hidden = true;
  // This module loads after the page: a box that got focus before it was wired (a
  // script, autofocus) still starts the runtime; text alone never does.
  if (document.activeElement === input) ensureLoaded();
}

function init() {
  for (const widget of document.querySelectorAll(".analyzer[data-pyodide-lock]")) setup(widget);
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(init);
} else {
  init();
}
