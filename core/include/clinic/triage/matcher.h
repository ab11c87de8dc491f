// Free text (Chinese or English) -> ranked complaints. Deterministic integer scoring:
// whole-term containment first, then English word overlap (light stemming) and
// Chinese character bigram overlap against each protocol's names and synonyms.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clinic/triage/model.h"

namespace clinic::triage {

struct Match {
  const Protocol* protocol = nullptr;
  int score = 0;        // 0..1000+, higher is better
  std::string matched;  // the name or synonym that scored best
};

// Protocols whose bands exclude `band_filter` (when set), and single-sex protocols
// for the other sex (`sex_filter`: 0 male, 1 female, -1 any), are left out. Sorted
// by score (desc), then id; at most `limit`.
std::vector<Match> match_complaints(const Catalogue& catalogue, std::string_view text, int band_filter, size_t limit,
                                    int sex_filter = -1);

}  // namespace clinic::triage
