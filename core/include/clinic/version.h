// Versions the core reports through core.version. Bump a schema version when a rule
// document's shape changes incompatibly; keep old versions readable.
#pragma once

#include <string_view>

namespace clinic {

inline constexpr std::string_view kCoreVersion = "0.1.0";

// The build id (a hash of the core's sources, see core/cmake/build_id.cmake).
std::string_view build_id();

struct SchemaVersion {
  std::string_view document;
  int version;
};

// Rule-document schemas this core validates. Engines add theirs here.
inline constexpr SchemaVersion kSchemaVersions[] = {
    {"envelope", 1},
    {"points_rules", 1},
    {"triage.protocol", 1},
    {"triage.common", 1},
};

}  // namespace clinic
