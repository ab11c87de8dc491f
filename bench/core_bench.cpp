// The native half of the native-vs-wasm comparison (bench/core-workload.mjs runs the
// wasm half): runs a workload file (one request per line) through clinic::call, the
// very function wasm/boundary.cpp's `call` export wraps, and times every round.
// usage: core_bench WORKLOAD_FILE ROUNDS [WARMUP_ROUNDS]
// prints {"calls":N,"seconds":S,"cpu_seconds":P,"calls_per_second":R,"best_round_s":B,"median_round_s":M,
//         "checksum":C} (seconds and cpu_seconds cover the timed rounds, not the warm-up)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "clinic/command.h"

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: core_bench WORKLOAD_FILE ROUNDS [WARMUP_ROUNDS]\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::vector<std::string> requests;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) requests.push_back(line);
  }
  int rounds = std::max(1, std::stoi(argv[2]));
  int warmup = argc == 4 ? std::stoi(argv[3]) : 3;
  size_t checksum = 0;  // keeps the optimizer honest
  // Warm-up like the wasm side: the built-in triage catalogue loads on first use, and
  // caches and branch predictors settle before anything is timed.
  for (int i = 0; i < warmup; ++i) {
    for (const auto& r : requests) checksum += clinic::call(r).size();
  }
  using Clock = std::chrono::steady_clock;
  std::vector<double> round_seconds;
  round_seconds.reserve(rounds);
  auto start = Clock::now();
  std::clock_t cpu_start = std::clock();
  for (int i = 0; i < rounds; ++i) {
    auto round_start = Clock::now();
    for (const auto& r : requests) checksum += clinic::call(r).size();
    round_seconds.push_back(std::chrono::duration<double>(Clock::now() - round_start).count());
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  // Processor time as well: on a shared machine it leaves out the time other processes
  // held the CPU, which wall time cannot.
  double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  size_t calls = requests.size() * static_cast<size_t>(rounds);
  std::sort(round_seconds.begin(), round_seconds.end());
  std::printf(
      "{\"calls\":%zu,\"seconds\":%.6f,\"cpu_seconds\":%.6f,\"calls_per_second\":%.1f,\"best_round_s\":%.9f,"
      "\"median_round_s\":%.9f,\"checksum\":%zu}\n",
      calls, seconds, cpu_seconds, calls / seconds, round_seconds.front(), round_seconds[round_seconds.size() / 2],
      checksum);
  return 0;
}
