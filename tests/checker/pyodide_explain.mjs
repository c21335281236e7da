// Run the checker's explain() inside real Pyodide under Node, the way the analyzer does.
//
// usage: node pyodide_explain.mjs <pyodide dir> <pip_ssl_check.py> <cases.json>
// cases.json: [{"text": str, "lang": "zh"|"en"}]; prints one JSON object:
// {"python": version, "ssl_import": the checker's SSL_IMPORT_ERROR (None when ssl imports),
//  "ssl_direct": the same for a plain `import ssl` before the checker, "results": [explain() dicts]}.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, checkerPath, casesPath] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep });
pyodide.FS.mkdirTree("/checker");
pyodide.FS.writeFile("/checker/pip_ssl_check.py", readFileSync(checkerPath, "utf8"));
pyodide.globals.set("cases_json", readFileSync(casesPath, "utf8"));
const out = pyodide.runPython(`
import json, sys
try:
    import ssl
    ssl_direct = None
except ImportError as exc:
    ssl_direct = "%s: %s" % (type(exc).__name__, exc)
sys.path.insert(0, "/checker")
import pip_ssl_check
results = [pip_ssl_check.explain(case["text"], case["lang"]) for case in json.loads(cases_json)]
json.dumps({"python": sys.version.split()[0], "ssl_import": pip_ssl_check.SSL_IMPORT_ERROR,
            "ssl_direct": ssl_direct,
            "site_url": pip_ssl_check.SITE_URL, "results": results})
`);
process.stdout.write(out + "\n");
