// Money is integer fen (1/100 yuan) in an int64. Every arithmetic step is checked:
// an overflow returns nullopt instead of wrapping. Inputs are bounded by kMaxFen so
// that amount * basis points never overflows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clinic::money {

// 10^12 fen = 10 billion yuan: far above any clinic bill, far below int64 limits.
inline constexpr int64_t kMaxFen = 1'000'000'000'000;
// Percentages are basis points: 10000 = 100%.
inline constexpr int64_t kFullBasisPoints = 10'000;

std::optional<int64_t> add(int64_t a, int64_t b);
std::optional<int64_t> sub(int64_t a, int64_t b);
std::optional<int64_t> mul(int64_t a, int64_t b);

// floor(amount * bp / 10000) for amount >= 0 and 0 <= bp <= 10000. Rewards and
// discounts round down so the clinic never gives away a fen it did not promise.
std::optional<int64_t> percent_floor(int64_t amount_fen, int64_t basis_points);

// Splits `total` over `weights` proportionally, rounding down, then hands the
// leftover fen to the largest remainders (ties: earlier index). Sum is exact.
// Returns nullopt on negative inputs, empty weights with non-zero total, or overflow.
std::optional<std::vector<int64_t>> allocate(int64_t total, const std::vector<int64_t>& weights);

// "¥12.34" style text without the sign: 1234 -> "12.34", -5 -> "-0.05".
std::string format_yuan(int64_t fen);

}  // namespace clinic::money
