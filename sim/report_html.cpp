#include "report_html.hpp"

#include <array>
#include <stdexcept>

#include "report_assets.hpp"

namespace promosim {
namespace {

constexpr std::string_view kPlaceholderStart = "@PROMOSIM_";

std::string escape_html(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

// Inside a <script> element the HTML parser looks only for "</script" and "<!--"; both
// start with '<', which valid JSON holds only inside strings, where \u003c decodes to '<'.
std::string escape_json_for_script(std::string_view json) {
  std::string escaped;
  escaped.reserve(json.size() + json.size() / 64);
  for (const char c : json) {
    if (c == '<') escaped += "\\u003c";
    else escaped += c;
  }
  return escaped;
}

struct Substitution {
  std::string_view name;  // between "@PROMOSIM_" and the closing '@'
  std::string_view text;
  bool used = false;
};

}  // namespace

std::string render_report_html(std::string_view data_json, std::string_view title) {
  const ReportAssets& assets = report_assets();
  const std::string escaped_title = escape_html(title);
  const std::string escaped_data = escape_json_for_script(data_json);
  std::array<Substitution, 6> substitutions{{
      {"TITLE", escaped_title},
      {"DATA", escaped_data},
      {"VEGA", assets.vega},
      {"VEGA_LITE", assets.vega_lite},
      {"VEGA_EMBED", assets.vega_embed},
      {"REPORT_JS", assets.report_js},
  }};

  std::string html;
  std::size_t size = assets.html_template.size();
  for (const Substitution& substitution : substitutions) size += substitution.text.size();
  html.reserve(size);

  // One pass over the template only: inserted text is never scanned, so data that happens to
  // contain a placeholder's spelling stays as it is.
  const std::string_view page = assets.html_template;
  std::size_t position = 0;
  while (true) {
    const std::size_t start = page.find(kPlaceholderStart, position);
    if (start == std::string_view::npos) break;
    const std::size_t name_start = start + kPlaceholderStart.size();
    const std::size_t end = page.find('@', name_start);
    if (end == std::string_view::npos) {
      throw std::logic_error("report template: unterminated placeholder at byte " + std::to_string(start));
    }
    const std::string_view name = page.substr(name_start, end - name_start);
    Substitution* match = nullptr;
    for (Substitution& substitution : substitutions) {
      if (substitution.name == name) match = &substitution;
    }
    if (match == nullptr) {
      throw std::logic_error("report template: unknown placeholder @PROMOSIM_" + std::string(name) + "@");
    }
    html.append(page.substr(position, start - position));
    html.append(match->text);
    match->used = true;
    position = end + 1;
  }
  html.append(page.substr(position));

  for (const Substitution& substitution : substitutions) {
    if (!substitution.used) {
      throw std::logic_error("report template: placeholder @PROMOSIM_" + std::string(substitution.name) + "@ is missing");
    }
  }
  return html;
}

}  // namespace promosim
