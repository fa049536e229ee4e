// Test tool: renders the HTML report from a data JSON file, without a results database, so
// the page can be checked in a browser independently of `promosim report` (tests/report/).
//   promosim_render_report_file DATA.json TITLE OUT.html
#include <fstream>
#include <iostream>
#include <sstream>

#include "report_html.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: promosim_render_report_file DATA.json TITLE OUT.html\n";
    return 2;
  }
  std::ifstream data_file(argv[1], std::ios::binary);
  if (!data_file) {
    std::cerr << "promosim_render_report_file: cannot read " << argv[1] << "\n";
    return 2;
  }
  std::ostringstream data;
  data << data_file.rdbuf();
  std::ofstream out(argv[3], std::ios::binary | std::ios::trunc);
  out << promosim::render_report_html(data.str(), argv[2]);
  out.close();
  if (!out) {
    std::cerr << "promosim_render_report_file: cannot write " << argv[3] << "\n";
    return 1;
  }
  return 0;
}
