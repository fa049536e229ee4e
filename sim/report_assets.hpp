#pragma once
// The HTML report's front end, embedded in the binary at build time.
#include <string_view>

namespace promosim {

/// The files the HTML report is assembled from, as their bytes (UTF-8 text, no trailing NUL
/// in the views). The build copies them into the binary (cmake/PromosimReportAssets.cmake):
/// the template and report.js from sim/report/, the Vega builds from the versions pinned in
/// sim/report/package-lock.json; each script is free of "</script", "<script" and "<!--", so
/// it can be inlined in a <script> element as it is.
struct ReportAssets {
  std::string_view html_template; ///< sim/report/report_template.html, with @PROMOSIM_…@ placeholders
  std::string_view report_js;     ///< sim/report/report.js: builds the page from the data JSON
  std::string_view vega;          ///< vega/build/vega.min.js
  std::string_view vega_lite;     ///< vega-lite/build/vega-lite.min.js
  std::string_view vega_embed;    ///< vega-embed/build/vega-embed.min.js
};

/// The embedded files; the views point into the binary's read-only data and stay valid for
/// the whole program. Thread-safe.
const ReportAssets& report_assets();

}  // namespace promosim
