#include "clinic/money.h"

#include <algorithm>

namespace clinic::money {

std::optional<int64_t> add(int64_t a, int64_t b) {
  int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) return std::nullopt;
  return out;
}

std::optional<int64_t> sub(int64_t a, int64_t b) {
  int64_t out = 0;
  if (__builtin_sub_overflow(a, b, &out)) return std::nullopt;
  return out;
}

std::optional<int64_t> mul(int64_t a, int64_t b) {
  int64_t out = 0;
  if (__builtin_mul_overflow(a, b, &out)) return std::nullopt;
  return out;
}

std::optional<int64_t> percent_floor(int64_t amount_fen, int64_t basis_points) {
  if (amount_fen < 0 || basis_points < 0 || basis_points > kFullBasisPoints) return std::nullopt;
  auto product = mul(amount_fen, basis_points);
  if (!product) return std::nullopt;
  return *product / kFullBasisPoints;
}

std::optional<std::vector<int64_t>> allocate(int64_t total, const std::vector<int64_t>& weights) {
  if (total < 0) return std::nullopt;
  int64_t weight_sum = 0;
  for (int64_t w : weights) {
    if (w < 0) return std::nullopt;
    auto s = add(weight_sum, w);
    if (!s) return std::nullopt;
    weight_sum = *s;
  }
  std::vector<int64_t> shares(weights.size(), 0);
  if (total == 0) return shares;
  if (weight_sum == 0) return std::nullopt;
  std::vector<std::pair<int64_t, size_t>> remainders;  // (remainder, index)
  int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    // total * w / sum without overflow: use 128-bit intermediate.
    __extension__ using Wide = __int128;  // clang and gcc have it on x86-64 and wasm32
    Wide p = static_cast<Wide>(total) * weights[i];
    shares[i] = static_cast<int64_t>(p / weight_sum);
    remainders.emplace_back(static_cast<int64_t>(p % weight_sum), i);
    given += shares[i];
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < total && k < remainders.size(); ++k, ++given) {
    shares[remainders[k].second] += 1;
  }
  return shares;
}

std::string format_yuan(int64_t fen) {
  bool negative = fen < 0;
  // Avoid negating INT64_MIN: work on the unsigned magnitude.
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  std::string cents = std::to_string(magnitude % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." + cents;
}

}  // namespace clinic::money
