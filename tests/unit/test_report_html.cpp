// The HTML report's assembly: embedded assets, placeholders, escaping of title and data.
#include <catch2/catch.hpp>

#include <string>

#include "report_assets.hpp"
#include "report_html.hpp"

using namespace promosim;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("report assets: the page, its script and the Vega builds are in the binary", "[report]") {
  const ReportAssets& assets = report_assets();
  CHECK(assets.html_template.find("<!DOCTYPE html>") == 0);
  CHECK(assets.report_js.find("window.promosimReport") != std::string_view::npos);
  CHECK(assets.vega.size() > 100000);
  CHECK(assets.vega_lite.size() > 100000);
  CHECK(assets.vega_embed.size() > 10000);
  // The build drops the source-map comments: a browser would try to fetch the maps.
  for (const std::string_view script : {assets.vega, assets.vega_lite, assets.vega_embed}) {
    CHECK(script.find("sourceMappingURL") == std::string_view::npos);
  }
}

TEST_CASE("report html: every placeholder replaced once, scripts inlined", "[report]") {
  const std::string html = render_report_html(R"({"arms": []})", "t");
  CHECK(html.find("@PROMOSIM_") == std::string::npos);
  CHECK(count(html, "<script") == 5);  // data, Vega, Vega-Lite, vega-embed, report.js
  CHECK(count(html, "</script>") == 5);
  CHECK(html.find(R"(<script id="promosim-data" type="application/json">{"arms": []}</script>)") != std::string::npos);
  CHECK(html.find(std::string(report_assets().report_js)) != std::string::npos);
}

TEST_CASE("report html: the title is escaped, the data cannot close its script block", "[report]") {
  const std::string data = R"({"scenario_yaml": "a </script><script>alert(1)</script> <!-- @PROMOSIM_TITLE@"})";
  const std::string html = render_report_html(data, R"(Q&A <b>"x"</b> 'y')");
  CHECK(html.find("<title>Q&amp;A &lt;b&gt;&quot;x&quot;&lt;/b&gt; &#39;y&#39;</title>") != std::string::npos);
  // Every '<' of the data becomes the JSON escape \u003c; nothing else changes, not even text
  // that spells a placeholder (the template is scanned once, inserted text never).
  CHECK(html.find(R"({"scenario_yaml": "a \u003c/script>\u003cscript>alert(1)\u003c/script> \u003c!-- @PROMOSIM_TITLE@"})") !=
        std::string::npos);
  CHECK(count(html, "<script") == 5);
  CHECK(html.find("<!--", html.find("promosim-data")) == std::string::npos);
}
