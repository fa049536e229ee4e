// promosim report: fills report_template.html from the run's data JSON (the script element
// with id "promosim-data") with HTML tables and Vega-Lite charts.
//
// Plain browser JavaScript without a build step, inlined into the report by
// render_report_html() after the Vega, Vega-Lite and vega-embed builds. Readiness for tests
// and scripts: window.promosimReport = {ready, charts, errors, settled}; `ready` turns true
// once every chart's vegaEmbed promise has settled, `settled` is the promise of the latest
// batch of renders (a <select> change starts a new one), and every failure is in `errors`
// and on the console.
(function () {
  "use strict";

  const report = {ready: false, charts: 0, errors: [], settled: Promise.resolve()};
  window.promosimReport = report;

  // Twelve distinguishable colours (Vega's tableau10 and two darker ones), assigned to arms in
  // the data's order so that an arm has the same colour in every chart.
  const kArmPalette = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b",
                       "#b279a2", "#ff9da6", "#9d755d", "#bab0ac", "#393b79", "#637939"];
  // "all" (the whole population) is drawn in ink, segments in colours that differ from arms'.
  const kSegmentPalette = ["#1f2933", "#d95f02", "#7570b3", "#1b9e77", "#e7298a", "#66a61e",
                           "#e6ab02", "#a6761d", "#666666"];
  const kWorldsDiffer = "the lift differs between the replicates' worlds beyond chance: its interval holds " +
    "for these worlds; how large it is elsewhere needs more replicates.";
  const kFunnelStages = ["impressions", "clicks", "carts", "purchases"];
  const kEmbedOptions = {renderer: "svg", actions: false};
  const kVegaLiteSchema = "https://vega.github.io/schema/vega-lite/v5.json";
  /** A Vega expression formatting an ISO time field for tooltips, in UTC like the axes. */
  const kUtcLabel = (field) => "utcFormat(toDate(datum['" + field + "']), '%Y-%m-%d %H:%M')";

  // ---------------------------------------------------------------- small helpers

  /** Creates an element. Children are nodes or text (never parsed as HTML: the data's strings
   *  stay text), nested arrays are flattened, null children and attributes are left out. */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "className") node.className = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function isNumber(value) {
    return typeof value === "number" && Number.isFinite(value);
  }

  const integerFormat = new Intl.NumberFormat("en-US", {maximumFractionDigits: 0});
  const twoDecimalFormat = new Intl.NumberFormat("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2});
  const shortFormat = new Intl.NumberFormat("en-US", {maximumSignificantDigits: 4});

  /** A metric's value as a reader expects it: ratios in %, large totals without decimals. */
  function formatValue(metric, value) {
    if (!isNumber(value)) return "–";
    if (metric && metric.kind === "ratio") return (value * 100).toFixed(2) + "%";
    if (Math.abs(value) >= 1000) return integerFormat.format(value);
    if (metric && metric.money) return twoDecimalFormat.format(value);
    return shortFormat.format(value);
  }

  /** A relative lift (a fraction) as a signed percentage. */
  function formatLift(value) {
    if (!isNumber(value)) return "–";
    const percent = value * 100;
    const digits = Math.abs(percent) < 1 ? 2 : 1;
    return (percent > 0 ? "+" : percent < 0 ? "−" : "±") + Math.abs(percent).toFixed(digits) + "%";
  }

  /** The relative lift, or the absolute one where the baseline's value is zero (a relative
   *  lift over nothing is undefined, e.g. for discount spend against a list-price baseline). */
  function liftText(row, valueFormat) {
    if (isNumber(row.lift)) return formatLift(row.lift);
    if (isNumber(row.abs_lift)) return (row.abs_lift > 0 ? "+" : "") + valueFormat(row.abs_lift) + " (absolute)";
    return "–";
  }

  function formatP(p) {
    if (!isNumber(p)) return "–";
    return p < 0.001 ? "< 0.001" : p.toFixed(3);
  }

  function formatInterval(low, high, format) {
    if (!isNumber(low) || !isNumber(high)) return "";
    return "[" + format(low) + ", " + format(high) + "]";
  }

  /** Verdicts in the metric's good direction are coloured; the rest (no difference, higher or
   *  lower for a metric that is neither good nor bad, baseline, n/a) stay grey. */
  function verdictClass(verdict) {
    if (verdict === "better") return "better";
    if (verdict === "worse") return "worse";
    return "neutral";
  }

  /** Vega-Lite reads dots and brackets in a field name as nested access; arm names become
   *  field names in the timeline's hover tooltip. */
  function escapeField(name) {
    return name.replace(/[.[\]\\]/g, "\\$&");
  }

  /** d3-format pattern for a metric's axis. */
  function axisFormat(metric) {
    return metric && metric.kind === "ratio" ? ".2~%" : ",.4~r";
  }

  // ---------------------------------------------------------------- chart rendering

  /** Embeds one Vega-Lite spec; failures are recorded, logged and shown in place. */
  const views = new Map();
  function renderChart(container, spec) {
    const previous = views.get(container);
    if (previous) {
      previous.finalize(); // releases the old view's listeners and timers
      views.delete(container);
    }
    container.textContent = "";
    spec.$schema = kVegaLiteSchema;
    return vegaEmbed(container, spec, kEmbedOptions).then(
      (result) => {
        views.set(container, result);
        return true;
      },
      (error) => {
        const message = "chart #" + container.id + " failed: " + (error && error.message ? error.message : error);
        report.errors.push(message);
        console.error("promosim report: " + message);
        container.replaceChildren(el("p", {className: "error"}, message));
        return false;
      });
  }

  /** Tracks a batch of renders so that tests and scripts can wait for it. */
  function track(promises) {
    report.settled = Promise.all(promises).then((outcomes) => {
      report.charts = views.size;
      return outcomes;
    });
    return report.settled;
  }

  function fail(message, error) {
    report.errors.push(message + (error ? ": " + error.message : ""));
    console.error("promosim report: " + message, error || "");
  }

  function showMessage(container, text) {
    container.replaceChildren(el("p", {className: "message"}, text));
  }

  function metricSelect(select, names, metricsByName, initial, onChange) {
    select.replaceChildren(...names.map((name) =>
      el("option", {value: name, selected: name === initial}, (metricsByName.get(name) || {label: name}).label)));
    select.addEventListener("change", () => onChange(select.value));
  }

  // ---------------------------------------------------------------- the report

  function build(data) {
    const arms = data.arms || [];
    const armNames = arms.map((arm) => arm.name);
    const metrics = data.metrics || [];
    const metricsByName = new Map(metrics.map((metric) => [metric.name, metric]));
    const labelOf = (name) => (metricsByName.get(name) || {label: name}).label;
    const run = data.run || {};

    const armColor = {
      field: "arm", type: "nominal", title: "arm",
      scale: {domain: armNames, range: kArmPalette},
      legend: {orient: "bottom", columns: Math.min(4, Math.max(1, armNames.length)), labelLimit: 260},
    };
    // The scenario's calendar is shown as written (UTC), whatever the reader's time zone.
    const utcX = (field, title) => ({field, type: "temporal", title, scale: {type: "utc"},
                                     axis: {labelAngle: 0, labelOverlap: true}});

    // -- header
    const scenario = run.scenario_name || "scenario";
    document.getElementById("report-title").textContent = scenario + " — promosim report";
    const facts = document.getElementById("run-facts");
    facts.append("Run " + (run.id ?? "–") + " · ",
                 el("span", {className: "status " + (run.status || "")}, run.status || "unknown status"),
                 " · " + (run.replicates ?? "–") + " replicates · seed " + (run.seed ?? "–") +
                 " · " + (run.started_at || "–") + " to " + (run.ended_at || "–"));
    document.getElementById("generated-by").textContent =
      "Generated by " + (data.generated_by || "promosim") + " from " + (data.database || "a results database") + ".";
    if (run.partial) {
      document.getElementById("partial-message").textContent =
        "Status: " + (run.status || "unknown") + (run.message ? " — " + run.message.replace(/\.$/, "") + "." : ".");
      document.getElementById("partial-banner").hidden = false;
    }

    // -- summary table
    buildSummary(data, metricsByName);

    // -- charts
    const renders = [];
    renders.push(...buildTimeline(data, metricsByName, labelOf, armColor, utcX));
    renders.push(...buildSegments(data, metricsByName, labelOf, armNames));
    renders.push(...buildBudget(data, armColor, utcX));
    renders.push(...buildFunnel(data, armColor, armNames));

    // -- tables without charts
    buildArms(arms, data.baseline);
    buildProvenance(data);
    document.getElementById("libraries").textContent =
      "Charts drawn with Vega " + vega.version + ", Vega-Lite " + vegaLite.version + " and vega-embed " +
      vegaEmbed.version + ", inlined in this file: it opens offline and loads nothing from the network.";
    return renders;
  }

  function buildSummary(data, metricsByName) {
    const run = data.run || {};
    const rows = data.summary || [];
    const note = document.getElementById("summary-note");
    note.textContent = "Per metric, the arms ranked best first. Values are means per replicate with 95% " +
      "confidence intervals across " + (run.replicates ?? "the") + " replicates; lifts are relative to the baseline " +
      "arm " + (data.baseline || "–") + ", paired by replicate (common random numbers); p-values are adjusted " +
      "across arms × metrics (" + (data.correction || "–") + ").";
    const container = document.getElementById("summary-table");
    if (rows.length === 0) {
      showMessage(container, "No arm has stored results yet.");
      return;
    }
    const byMetric = new Map();
    for (const row of rows) {
      if (!byMetric.has(row.metric)) byMetric.set(row.metric, []);
      byMetric.get(row.metric).push(row);
    }
    // The primary metric first, then the data's metric order, then any metric it does not list.
    const order = [...metricsByName.keys()].filter((name) => byMetric.has(name));
    for (const name of byMetric.keys()) if (!order.includes(name)) order.push(name);
    if (data.primary && order.includes(data.primary)) order.unshift(...order.splice(order.indexOf(data.primary), 1));

    const table = el("table", {className: "wide"},
      el("thead", {}, el("tr", {},
        el("th", {class: "num"}, "rank"), el("th", {}, "arm"), el("th", {class: "num"}, "value"),
        el("th", {}, "95% CI"), el("th", {class: "num"}, "lift vs baseline"), el("th", {}, "95% CI"),
        el("th", {class: "num"}, "adjusted p"), el("th", {}, "verdict"))));
    for (const name of order) {
      const metric = metricsByName.get(name) || {name, label: name, kind: "total", better: "neutral"};
      const direction = metric.better === "lower" ? 1 : -1; // neutral metrics: highest first
      const ranked = byMetric.get(name).slice().sort((a, b) => {
        if (!isNumber(a.value)) return isNumber(b.value) ? 1 : 0;
        if (!isNumber(b.value)) return -1;
        return direction * (a.value - b.value);
      });
      const heading = metric.label + (metric.better === "neutral" ? " (neither higher nor lower is better; highest first)"
                                      : metric.better === "lower" ? " (lower is better)" : "");
      const body = el("tbody", {className: "metric" + (name === data.primary ? " primary" : ""), "data-metric": name},
        el("tr", {}, el("th", {className: "metric-name", colspan: 8, scope: "rowgroup"}, heading)));
      const valueFormat = (value) => formatValue(metric, value);
      ranked.forEach((row, index) => {
        const isBaseline = row.arm === data.baseline || row.verdict === "baseline";
        const tone = verdictClass(row.verdict);
        body.append(el("tr", {},
          el("td", {className: "num"}, isNumber(row.value) ? index + 1 : "–"),
          el("td", {}, row.arm, isBaseline ? el("span", {className: "tag"}, "baseline") : null),
          el("td", {className: "num"}, valueFormat(row.value)),
          el("td", {className: "ci"}, formatInterval(row.low, row.high, valueFormat)),
          el("td", {className: "num " + (tone === "neutral" ? "" : tone)}, isBaseline ? "" : liftText(row, valueFormat)),
          el("td", {className: "ci", title: row.worlds_differ ? kWorldsDiffer : null},
             formatInterval(row.lift_low, row.lift_high, formatLift) + (row.worlds_differ ? " *" : "")),
          el("td", {className: "num"}, isBaseline ? "" : formatP(row.p_adjusted)),
          el("td", {}, el("span", {className: "verdict " + tone}, row.verdict || "n/a"))));
      });
      table.append(body);
    }
    const marked = rows.some((row) => row.worlds_differ);
    container.replaceChildren(table, ...(marked ? [el("p", {className: "note"}, "* " + kWorldsDiffer)] : []));
  }

  function buildTimeline(data, metricsByName, labelOf, armColor, utcX) {
    const timeline = data.timeline || {};
    const container = document.getElementById("timeline-chart");
    const select = document.getElementById("timeline-metric");
    document.getElementById("timeline-unit").textContent = timeline.unit || "period";
    const points = timeline.points || [];
    const names = (timeline.metrics || []).filter((name) => points.some((point) => point.metric === name));
    if (names.length === 0) {
      select.closest(".controls").hidden = true;
      showMessage(container, "This run stored no per-period metrics.");
      return [];
    }
    // Grouped once: switching metrics then costs one filter-free embed.
    const byMetric = new Map(names.map((name) => [name, []]));
    for (const point of points) if (byMetric.has(point.metric)) byMetric.get(point.metric).push(point);
    const temporal = points.every((point) => typeof point.start === "string" && point.start !== "");
    const phases = (timeline.phases || []).map((phase, index) => ({
      name: phase.name, start: phase.start, end: phase.end, shade: index % 2 === 0 ? 0.07 : 0.03,
      middle: new Date((Date.parse(phase.start) + Date.parse(phase.end)) / 2).toISOString(),
    }));

    // Bands and lines share one legend: drawn as lines, not as the bands' pale fill.
    const lineColor = {...armColor, legend: {...armColor.legend, symbolType: "stroke", symbolStrokeWidth: 3, symbolOpacity: 1}};

    const render = (name) => {
      const metric = metricsByName.get(name);
      const values = byMetric.get(name);
      // A scenario without timeline.start_date has a nominal calendar from 2000-01-01.
      const clock = timeline.dated === false ? "time (no start_date: nominal calendar from 2000-01-01)"
                                             : "time (scenario clock, UTC)";
      const x = temporal ? utcX("start", clock)
                         : {field: "period", type: "quantitative", title: timeline.unit || "period"};
      const y = {field: "value", type: "quantitative", title: labelOf(name), axis: {format: axisFormat(metric)}};
      const layers = [];
      if (temporal && phases.length > 0) {
        layers.push({
          data: {values: phases},
          mark: {type: "rect", color: "#1f2933"},
          encoding: {x: utcX("start", "time (scenario clock, UTC)"), x2: {field: "end"},
                     opacity: {field: "shade", type: "quantitative", scale: null, legend: null}},
        }, {
          data: {values: phases},
          mark: {type: "text", baseline: "top", dy: 4, color: "#616e7c", fontWeight: "bold"},
          encoding: {x: utcX("middle", "time (scenario clock, UTC)"), y: {value: 0}, text: {field: "name"}},
        });
      }
      layers.push({
        // The band only where the interval exists (a single replicate, or a period without data, has none).
        transform: [{filter: "isValid(datum.low) && isValid(datum.high)"}],
        mark: {type: "area", opacity: 0.18},
        encoding: {x, y: {field: "low", type: "quantitative", title: labelOf(name)}, y2: {field: "high"}, color: lineColor},
      }, {
        mark: {type: "line", strokeWidth: 1.8, interpolate: "linear"},
        encoding: {x, y, color: lineColor},
      });
      // Hovering shows every arm's value at the nearest period.
      const arms = [...new Set(values.map((point) => point.arm))];
      const key = temporal ? "start" : "period";
      layers.push({
        transform: [{pivot: "arm", value: "value", groupby: [key]},
                    ...(temporal ? [{calculate: kUtcLabel("start"), as: "when"}] : [])],
        mark: {type: "rule", color: "#616e7c"},
        encoding: {
          x,
          opacity: {condition: {value: 0.6, param: "hover", empty: false}, value: 0},
          tooltip: [temporal ? {field: "when", type: "nominal", title: "period start (UTC)"}
                             : {field: "period", type: "quantitative", title: timeline.unit || "period"},
                    ...arms.map((arm) => ({field: escapeField(arm), type: "quantitative", title: arm, format: axisFormat(metric)}))],
        },
        params: [{name: "hover", select: {type: "point", fields: [key], nearest: true, on: "mouseover", clear: "mouseout"}}],
      });
      return renderChart(container, {
        width: "container", height: 320,
        data: {values},
        layer: layers,
      });
    };

    const initial = names[0];
    metricSelect(select, names, metricsByName, initial, (name) => track([render(name)]));
    return [render(initial)];
  }

  function buildSegments(data, metricsByName, labelOf, armNames) {
    const container = document.getElementById("segment-chart");
    const select = document.getElementById("segment-metric");
    const lifts = (data.segment_lifts || []).filter((row) => isNumber(row.lift));
    const present = new Set(lifts.map((row) => row.metric));
    const names = [...metricsByName.keys()].filter((name) => present.has(name));
    for (const name of present) if (!names.includes(name)) names.push(name);
    if (names.length === 0) {
      select.closest(".controls").hidden = true;
      showMessage(container, "No lifts to show: the run has no arm besides the baseline, or no stored replicate pairs.");
      return [];
    }
    const segments = [...new Set(lifts.map((row) => row.segment))].sort((a, b) =>
      a === "all" ? -1 : b === "all" ? 1 : a.localeCompare(b));
    const segmentColor = {
      field: "segment", type: "nominal", title: "segment",
      scale: {domain: segments, range: kSegmentPalette},
      legend: {orient: "bottom", columns: Math.min(5, segments.length), labelExpr: "datum.label === 'all' ? 'all (overall)' : datum.label"},
    };

    const render = (name) => {
      const values = lifts.filter((row) => row.metric === name);
      const order = armNames.filter((arm) => values.some((row) => row.arm === arm));
      const y = {field: "arm", type: "nominal", title: null, sort: order, axis: {labelLimit: 260}};
      const yOffset = {field: "segment", type: "nominal", sort: segments};
      const x = {field: "lift", type: "quantitative", title: "relative lift of " + labelOf(name) + " vs " + (data.baseline || "the baseline"),
                 axis: {format: "+.1~%"}};
      // Vega-Lite cannot fit a chart of discrete height to its container, so the width is set
      // from the container's, less room for the arm names.
      return renderChart(container, {
        width: Math.max(320, container.clientWidth - 300),
        height: {step: 14 * segments.length + 12, for: "position"},
        data: {values},
        layer: [{
          transform: [{filter: "isValid(datum.low) && isValid(datum.high)"}],
          mark: {type: "rule", strokeWidth: 2},
          encoding: {y, yOffset, x: {field: "low", type: "quantitative", title: x.title, axis: x.axis}, x2: {field: "high"}, color: segmentColor},
        }, {
          mark: {type: "point", filled: true, size: 60, opacity: 1},
          encoding: {
            y, yOffset, x, color: segmentColor,
            tooltip: [{field: "arm"}, {field: "segment"},
                      {field: "lift", type: "quantitative", format: "+.2%", title: "lift"},
                      {field: "low", type: "quantitative", format: "+.2%", title: "95% CI low"},
                      {field: "high", type: "quantitative", format: "+.2%", title: "95% CI high"},
                      {field: "p_adjusted", type: "quantitative", format: ".3g", title: "adjusted p"}],
          },
        }, {
          data: {values: [{zero: 0}]},
          mark: {type: "rule", color: "#1f2933", strokeDash: [4, 3]},
          encoding: {x: {field: "zero", type: "quantitative"}},
        }],
      });
    };

    const initial = names.includes(data.primary) ? data.primary : names[0];
    metricSelect(select, names, metricsByName, initial, (name) => track([render(name)]));
    return [render(initial)];
  }

  function buildBudget(data, armColor, utcX) {
    const budget = data.budget || {};
    const container = document.getElementById("budget-chart");
    const note = document.getElementById("budget-note");
    const spend = budget.spend || [];
    const plan = budget.plan || [];
    const hasTotal = isNumber(budget.total);
    note.textContent = hasTotal
      ? "Each arm's cumulative own discount spend (its pricing policy's discounts and coupons, without the " +
        "platform's flash sales, drops and pre-sales) against the discount budget of " + integerFormat.format(budget.total) +
        " (red line)" + (plan.length > 0 ? " and the planned pace of spending it (dashed)." : ".")
      : "No budget limit: the scenario sets no discount budget. The lines show each arm's cumulative own discount spend" +
        (plan.length > 0 ? "; dashed, the planned pace." : ".");
    if (spend.length === 0) {
      showMessage(container, "No spend was stored for this run.");
      return [];
    }
    const x = utcX("time", "time (scenario clock, UTC)");
    const y = {field: "cumulative", type: "quantitative", title: "cumulative discount spend", axis: {format: ",.4~r"}};
    const layers = [{
      data: {values: spend},
      transform: [{calculate: kUtcLabel("time"), as: "when"}],
      mark: {type: "line", strokeWidth: 1.8, point: spend.length <= 400 ? {size: 12} : false},
      encoding: {x, y, color: armColor,
                 tooltip: [{field: "arm"}, {field: "when", type: "nominal", title: "time (UTC)"},
                           {field: "cumulative", type: "quantitative", format: ",.2f", title: "spent"}]},
    }];
    if (plan.length > 0) {
      layers.push({
        data: {values: plan},
        mark: {type: "line", color: "#1f2933", strokeDash: [6, 4], strokeWidth: 1.5},
        encoding: {x, y},
      });
    }
    if (hasTotal) {
      layers.push({
        data: {values: [{total: budget.total, label: "budget " + integerFormat.format(budget.total)}]},
        layer: [{
          mark: {type: "rule", color: "#b3261e", strokeWidth: 1.5},
          encoding: {y: {field: "total", type: "quantitative"}},
        }, {
          mark: {type: "text", color: "#b3261e", align: "left", baseline: "bottom", dx: 4, dy: -3},
          encoding: {y: {field: "total", type: "quantitative"}, x: {value: 0}, text: {field: "label"}},
        }],
      });
    }
    return [renderChart(container, {width: "container", height: 300, layer: layers})];
  }

  function buildFunnel(data, armColor, armNames) {
    const container = document.getElementById("funnel-chart");
    const rows = (data.funnel || []).filter((row) => kFunnelStages.includes(row.stage));
    if (rows.length === 0) {
      showMessage(container, "No funnel counts were stored for this run.");
      return [];
    }
    const counts = new Map(); // arm -> stage -> value
    for (const row of rows) {
      if (!counts.has(row.arm)) counts.set(row.arm, {});
      counts.get(row.arm)[row.stage] = row.value;
    }
    const order = armNames.filter((arm) => counts.has(arm)).concat([...counts.keys()].filter((arm) => !armNames.includes(arm)));
    const rate = (numerator, denominator) =>
      isNumber(numerator) && isNumber(denominator) && denominator > 0 ? (100 * numerator / denominator).toFixed(2) + "%" : "–";
    const stageCell = (value) => el("td", {className: "num"}, isNumber(value) ? integerFormat.format(value) : "–");
    const table = el("table", {},
      el("thead", {}, el("tr", {},
        el("th", {}, "arm"), ...kFunnelStages.map((stage) => el("th", {className: "num"}, stage)),
        el("th", {className: "num", title: "clicks / impressions"}, "impression → click"),
        el("th", {className: "num", title: "carts / clicks"}, "click → cart"),
        el("th", {className: "num", title: "purchases / carts"}, "cart → purchase"),
        el("th", {className: "num", title: "purchases / impressions"}, "impression → purchase"))),
      el("tbody", {}, order.map((arm) => {
        const c = counts.get(arm);
        return el("tr", {}, el("td", {}, arm), ...kFunnelStages.map((stage) => stageCell(c[stage])),
          el("td", {className: "num"}, rate(c.clicks, c.impressions)), el("td", {className: "num"}, rate(c.carts, c.clicks)),
          el("td", {className: "num"}, rate(c.purchases, c.carts)), el("td", {className: "num"}, rate(c.purchases, c.impressions)));
      })));
    document.getElementById("funnel-table").replaceChildren(table);

    // A logarithmic axis cannot show zero: a stage nobody reached has no bar (the table shows the 0).
    const values = rows.filter((row) => isNumber(row.value) && row.value > 0);
    if (values.length === 0) {
      showMessage(container, "Every funnel count is zero.");
      return [];
    }
    return [renderChart(container, {
      width: "container", height: 300,
      data: {values},
      mark: {type: "bar"},
      encoding: {
        x: {field: "stage", type: "nominal", sort: kFunnelStages, title: null, axis: {labelAngle: 0}},
        xOffset: {field: "arm", type: "nominal", sort: order},
        y: {field: "value", type: "quantitative", scale: {type: "log"}, stack: null, title: "count per replicate (log scale)", axis: {format: ",.2~s"}},
        color: armColor,
        tooltip: [{field: "arm"}, {field: "stage"}, {field: "value", type: "quantitative", format: ",.1f", title: "mean per replicate"}],
      },
    })];
  }

  function buildArms(arms, baseline) {
    const container = document.getElementById("arms-table");
    if (arms.length === 0) {
      showMessage(container, "The run lists no arms.");
      return;
    }
    const anySweep = arms.some((arm) => arm.sweep);
    container.replaceChildren(el("table", {className: "wide"},
      el("thead", {}, el("tr", {}, el("th", {}, "arm"), el("th", {}, "recommender"), el("th", {}, "intent model"),
        el("th", {}, "pricing policy"), el("th", {}, "parameters"), anySweep ? el("th", {}, "sweep") : null)),
      el("tbody", {}, arms.map((arm) => el("tr", {},
        el("td", {}, arm.name, arm.name === baseline ? el("span", {className: "tag"}, "baseline") : null),
        el("td", {}, arm.recommender || "–"), el("td", {}, arm.intent_model || "–"), el("td", {}, arm.pricing_policy || "–"),
        el("td", {}, arm.params ? el("code", {}, arm.params) : "defaults"),
        anySweep ? el("td", {}, arm.sweep || "") : null)))));
  }

  function buildProvenance(data) {
    const run = data.run || {};
    const facts = [
      ["run", run.id], ["scenario", run.scenario_name], ["status", run.status], ["message", run.message],
      ["seed", run.seed], ["replicates", run.replicates], ["shards", run.shards], ["threads", run.threads],
      ["random streams", run.random_streams], ["metrics stored by", run.metrics_by],
      ["promosim version", run.promosim_version], ["plugin ABI version", run.abi_version],
      ["started", run.started_at], ["ended", run.ended_at], ["results database", data.database],
      ["baseline arm", data.baseline], ["p-value correction", data.correction], ["primary metric", data.primary],
    ].filter(([, value]) => value !== null && value !== undefined && value !== "");
    // Two facts per row: half the height on paper.
    const rows = [];
    for (let i = 0; i < facts.length; i += 2) {
      rows.push(el("tr", {}, facts.slice(i, i + 2).map(([name, value]) =>
        [el("th", {scope: "row"}, name), el("td", {}, String(value))])));
    }
    document.getElementById("run-table").replaceChildren(el("table", {className: "wide facts"}, el("tbody", {}, rows)));

    const plugins = data.plugins || [];
    const pluginContainer = document.getElementById("plugins-table");
    if (plugins.length === 0) showMessage(pluginContainer, "No plugins were recorded for this run.");
    else {
      pluginContainer.replaceChildren(el("table", {className: "wide"},
        el("thead", {}, el("tr", {}, ["kind", "name", "version", "ABI", "path"].map((title) => el("th", {}, title)))),
        el("tbody", {}, plugins.map((plugin) => el("tr", {},
          el("td", {}, plugin.kind || "–"), el("td", {}, plugin.name || "–"), el("td", {}, plugin.version || "–"),
          el("td", {}, plugin.abi_version ?? "–"), el("td", {className: "path"}, el("code", {}, plugin.path || "–")))))));
    }
    document.getElementById("scenario-yaml").textContent = data.scenario_yaml || "(not stored)";
  }

  // ---------------------------------------------------------------- start

  function start() {
    let renders = [];
    try {
      const data = JSON.parse(document.getElementById("promosim-data").textContent);
      if (typeof vegaEmbed !== "function") throw new Error("vega-embed is missing from the page");
      renders = build(data);
    } catch (error) {
      fail("the report could not be built", error);
      document.querySelector("main").prepend(el("p", {className: "error"},
        "This report could not be built: " + (error && error.message ? error.message : error)));
    }
    track(renders).then(() => {
      report.ready = true;
    });
  }

  start();
})();
