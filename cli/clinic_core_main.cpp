// clinic-core: the command API on stdin/stdout, for scripts, the differential test
// and developers. Same core, same bytes as the wasm build.
//   clinic-core            one request (all of stdin) -> one response line
//   clinic-core --lines    one request per input line -> one response line each
// The triage self-test in a terminal is one session, over the wasm core: node wasm/harness.mjs triage.
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>

#include "clinic/command.h"

namespace {

int usage() {
  std::cerr << "usage: clinic-core [--lines]\n"
               "  reads a request {\"op\":...,\"v\":1,...} on stdin and prints the response\n"
               "  --lines  one request per line, one response per line\n"
               "  (the triage self-test in a terminal: node wasm/harness.mjs triage)\n";
  return 2;
}

void write_line(const std::string& response) {
  std::fwrite(response.data(), 1, response.size(), stdout);
  std::fputc('\n', stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::string_view mode = argc > 1 ? argv[1] : "";
  if (argc > 2 || (!mode.empty() && mode != "--lines")) return usage();
  if (mode == "--lines") {
    std::string line;
    while (std::getline(std::cin, line)) write_line(clinic::call(line));
    return 0;
  }
  std::string request((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  write_line(clinic::call(request));
  return 0;
}
