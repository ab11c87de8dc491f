// Free text (Chinese or English) -> ranked complaints. Deterministic integer scoring:
// whole-term containment first, then Chinese terms with small gaps or swapped halves
// inside one clause ("肚子突然疼得厉害" -> 肚子疼, "疼的是肚子"), English word overlap
// (light stemming) and Chinese character bigram overlap against each protocol's names
// and synonyms. A protocol's `exclude` phrases are masked out of the text before its
// terms are tried (a shared word in another sense: "burning when I pee" is no burn).
// Terms are normalized once per catalogue (MatchIndex), not on every call.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/error.h"
#include "clinic/triage/model.h"

namespace clinic::triage {

struct Match {
  const Protocol* protocol = nullptr;
  int score = 0;        // 0..1000+, higher is better
  std::string matched;  // the name or synonym that scored best
};

// The catalogue's names, synonyms and excludes, normalized once. Holds pointers into
// the catalogue, which must outlive it.
class MatchIndex {
 public:
  explicit MatchIndex(const Catalogue& catalogue);
  ~MatchIndex();
  MatchIndex(const MatchIndex&) = delete;
  MatchIndex& operator=(const MatchIndex&) = delete;

  // Protocols whose bands exclude `band_filter` (when set), and single-sex protocols
  // for the other sex (`sex_filter`: 0 male, 1 female, -1 any), are left out. Sorted
  // by score (desc), then id; at most `limit`.
  std::vector<Match> match(std::string_view text, int band_filter, size_t limit, int sex_filter = -1) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The built-in catalogue's index (built once, like the catalogue).
Result<const MatchIndex*> builtin_match_index();

// Convenience for a one-off catalogue: builds an index and matches (tests, tools).
std::vector<Match> match_complaints(const Catalogue& catalogue, std::string_view text, int band_filter, size_t limit,
                                    int sex_filter = -1);

}  // namespace clinic::triage
