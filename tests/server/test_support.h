// Helpers for the server doctest suites: a fresh temporary folder per test.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace clinic::server::testing {

inline std::string temp_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "clinic-doctest-XXXXXX").string();
  char* made = ::mkdtemp(tmpl.data());
  return made ? std::string(made) : std::string();
}

}  // namespace clinic::server::testing
