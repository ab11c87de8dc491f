// Runs a workload file (one request per line) through clinic::call for a number of
// rounds and prints {"calls":N,"seconds":S,"calls_per_second":R} — the native half of
// the native-vs-wasm comparison (bench/core-workload.mjs runs the wasm half).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "clinic/command.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: core_bench WORKLOAD_FILE ROUNDS\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::vector<std::string> requests;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) requests.push_back(line);
  }
  int rounds = std::stoi(argv[2]);
  size_t checksum = 0;  // keeps the optimizer honest
  for (const auto& r : requests) checksum += clinic::call(r).size();  // warm-up
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < rounds; ++i) {
    for (const auto& r : requests) checksum += clinic::call(r).size();
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  size_t calls = requests.size() * static_cast<size_t>(rounds);
  std::printf("{\"calls\":%zu,\"seconds\":%.6f,\"calls_per_second\":%.1f,\"checksum\":%zu}\n", calls, seconds,
              calls / seconds, checksum);
  return 0;
}
