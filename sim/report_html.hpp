#pragma once
// The self-contained HTML report: one file with its charting libraries, code and data inside.
#include <string>
#include <string_view>

namespace promosim {

/// The report as one HTML document that opens in any current browser without a network:
/// the embedded page template (sim/report/report_template.html) with the Vega, Vega-Lite and
/// vega-embed builds and report.js inlined as <script> blocks, and `data_json` inlined as
/// `<script id="promosim-data" type="application/json">`.
///
/// `data_json`: one JSON object following the report's data contract (docs/report.md), UTF-8.
/// It is inlined as it is except that every '<' becomes the JSON escape \u003c, so no text
/// in it (a scenario's YAML, an arm's parameters) can end the <script> block or open an HTML
/// comment; JSON allows '<' only inside strings, where the escape means the same character.
/// `title`: the document's <title>, plain UTF-8 text (HTML-escaped here).
/// Thread-safe; the result is about 1 MB plus the data.
std::string render_report_html(std::string_view data_json, std::string_view title);

}  // namespace promosim
