// docs/openapi.yaml read as text by the vocabulary tests (no YAML library in the server tests).
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace clinic::server::testing {

inline std::string source_text(const std::string& relative) {
  std::ifstream in(std::string(CLINIC_SOURCE_DIR) + "/" + relative);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The block-style enum ("- name" lines) of the first `property:` inside components schema `schema`.
inline std::vector<std::string> openapi_enum(const std::string& schema, const std::string& property) {
  std::string text = source_text("docs/openapi.yaml");
  size_t at = text.find("\n    " + schema + ":\n");
  REQUIRE_MESSAGE(at != std::string::npos, "no schema ", schema);
  at = text.find(" " + property + ":\n", at);
  size_t list = text.find(" enum:\n", at);
  REQUIRE(list != std::string::npos);
  size_t line_start = text.rfind('\n', list) + 1;
  std::string item = std::string(list + 1 - line_start, ' ') + "- ";
  std::vector<std::string> out;
  std::istringstream lines(text.substr(list + 7));
  for (std::string line; std::getline(lines, line) && line.rfind(item, 0) == 0;)
    out.push_back(line.substr(item.size()));
  return out;
}

}  // namespace clinic::server::testing
