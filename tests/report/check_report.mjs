// Checks promosim's self-contained HTML report the way a reader opens it: from disk, in a
// real browser (Debian's Chromium, headless, driven by playwright-core from
// sim/report/node_modules), without any network.
//
//   node tests/report/check_report.mjs --html REPORT.html --screenshot REPORT.png [--chromium PATH]
//
// Fails (exit 1, every problem listed) on: a console error or warning, an uncaught page
// error, any request that is not file:, data:, blob: or about: (each is aborted and
// recorded), a chart that did not render or rendered no marks, a report error recorded in
// window.promosimReport.errors, an arm of the data missing from the page, a partial run
// without its banner, the scenario YAML not shown verbatim, or a script element the page did
// not ship (the data must never be able to inject one). Every metric of every <select> is
// rendered once. Exit 77 when Chromium is missing (ctest's skip code for this test).
import fs from "node:fs";
import path from "node:path";
import {createRequire} from "node:module";
import {fileURLToPath, pathToFileURL} from "node:url";
import {parseArgs} from "node:util";

const here = path.dirname(fileURLToPath(import.meta.url));
const {values: args} = parseArgs({
  options: {
    html: {type: "string"},
    screenshot: {type: "string"},
    chromium: {type: "string", default: "/usr/bin/chromium"},
    timeout: {type: "string", default: "60000"},
  },
});
if (!args.html || !args.screenshot) {
  console.error("usage: node check_report.mjs --html REPORT.html --screenshot REPORT.png [--chromium PATH]");
  process.exit(2);
}
if (!fs.existsSync(args.chromium)) {
  console.error(`SKIPPED: Chromium is not installed (${args.chromium}); run 'bash scripts/test.sh' (as root) to install it.`);
  process.exit(77);
}
const timeout = Number(args.timeout);

// playwright-core lives with the report's other npm packages, not beside this script.
const requireFromReport = createRequire(path.resolve(here, "../../sim/report/package.json"));
const {chromium} = requireFromReport("playwright-core");

// The scripts the template ships: the data block, Vega, Vega-Lite, vega-embed, report.js.
const kShippedScripts = 5;
const problems = [];
const problem = (text) => problems.push(text);

const browser = await chromium.launch({executablePath: args.chromium, headless: true, args: ["--no-sandbox"]});
try {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}, serviceWorkers: "block"});
  const isLocal = (url) => /^(file|data|blob|about):/i.test(url);
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    problem(`network request attempted (aborted): ${url}`);
    return route.abort();
  });
  const page = await context.newPage();
  // The route above may not see every kind of request; these see the rest.
  page.on("request", (request) => {
    if (!isLocal(request.url())) problem(`request: ${request.method()} ${request.url()}`);
  });
  page.on("websocket", (socket) => problem(`websocket: ${socket.url()}`));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      problem(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problem(`page error: ${error.message}`));

  // An uncaught error in a script (a syntax error in report.js, say) means readiness never
  // comes: stop waiting at the first one.
  const firstPageError = new Promise((resolve) => page.once("pageerror", resolve));
  await page.goto(pathToFileURL(path.resolve(args.html)).href, {waitUntil: "load", timeout});
  const ready = page.waitForFunction(() => window.promosimReport && window.promosimReport.ready === true, null, {timeout});
  const outcome = await Promise.race([ready.then(() => "ready"), firstPageError.then(() => "page error")]).catch((error) => error);
  if (outcome !== "ready") {
    ready.catch(() => {});
    const reason = outcome instanceof Error ? outcome.message.split("\n")[0] : "an uncaught page error came first";
    throw new Error(`window.promosimReport.ready never became true: ${reason}`);
  }

  const data = await page.evaluate(() => JSON.parse(document.getElementById("promosim-data").textContent));

  // Every chart container holds an SVG with data marks (Vega's SVG renderer puts a mark's
  // items in <g class="... role-mark">; axes, legends and titles have other roles).
  const inspectCharts = () => page.evaluate(() => [...document.querySelectorAll(".chart")].map((chart) => {
    const svg = chart.querySelector("svg");
    const marks = svg ? svg.querySelectorAll("g.role-mark > path, g.role-mark > line, g.role-mark > rect, g.role-mark > text, g.role-mark > circle").length : 0;
    return {id: chart.id, svg: Boolean(svg), marks, text: chart.textContent.trim().slice(0, 200)};
  }));
  const checkCharts = async (when) => {
    for (const chart of await inspectCharts()) {
      if (!chart.svg) problem(`${when}: #${chart.id} has no SVG chart (${chart.text || "empty"})`);
      else if (chart.marks === 0) problem(`${when}: #${chart.id} drew no marks`);
    }
  };
  const charts = await inspectCharts();
  await checkCharts("on load");
  const state = await page.evaluate(() => ({charts: window.promosimReport.charts, errors: window.promosimReport.errors}));
  if (state.charts !== charts.length) problem(`window.promosimReport.charts is ${state.charts}, the page has ${charts.length} chart containers`);

  // Each metric of each <select>, then back to the default one for the screenshot.
  const selects = await page.evaluate(() => [...document.querySelectorAll("select")].map((select) => ({
    id: select.id, value: select.value, options: [...select.options].map((option) => option.value),
  })));
  let renders = 0;
  for (const select of selects) {
    for (const value of [...select.options.filter((option) => option !== select.value), select.value]) {
      await page.selectOption(`#${select.id}`, value);
      await page.evaluate(() => window.promosimReport.settled);
      await checkCharts(`#${select.id} = ${value}`);
      ++renders;
    }
  }
  const errors = await page.evaluate(() => window.promosimReport.errors);
  for (const error of errors) problem(`report error: ${error}`);

  // What a reader must find on the page.
  const text = await page.evaluate(() => document.body.innerText);
  for (const arm of data.arms || []) {
    if (!text.includes(arm.name)) problem(`arm ${arm.name} does not appear on the page`);
  }
  const banner = await page.evaluate(() => {
    const element = document.getElementById("partial-banner");
    return {visible: !element.hidden && element.offsetHeight > 0, text: element.innerText};
  });
  if (data.run && data.run.partial) {
    if (!banner.visible) problem("the run is partial but the warning banner is not shown");
    else if (data.run.message && !banner.text.includes(data.run.message)) problem("the partial banner does not show run.message");
  } else if (banner.visible) {
    problem("the run is not partial but the partial-results banner is shown");
  }
  const yaml = await page.evaluate(() => document.getElementById("scenario-yaml").textContent);
  if (data.scenario_yaml && yaml !== data.scenario_yaml) problem("the scenario YAML is not shown verbatim");
  const scripts = await page.evaluate(() => document.scripts.length);
  if (scripts !== kShippedScripts) problem(`the page has ${scripts} script elements, the template ships ${kShippedScripts}`);

  fs.mkdirSync(path.dirname(path.resolve(args.screenshot)), {recursive: true});
  await page.screenshot({path: args.screenshot, fullPage: true});
  console.log(`report check: ${charts.length} charts (${charts.map((chart) => `#${chart.id} ${chart.marks} marks`).join(", ")}), ` +
              `${(data.arms || []).length} arms, ${renders} metric switches; screenshot ${args.screenshot}`);
} catch (error) {
  problem(`the check stopped: ${error.stack || error}`);
} finally {
  await browser.close();
}

if (problems.length > 0) {
  console.error(`report check FAILED (${args.html}): ${problems.length} problem(s):\n  ` + problems.join("\n  "));
  process.exit(1);
}
console.log(`report check passed: ${args.html}`);
