// Demo data for scripts/run and the tests: an organization with two clinics,
// departments, doctors, a week of slots, staff accounts (desk, manager, admin; random
// passwords written to Config::demo_credentials_file, mode 0600), a few demo members
// with encrypted PII, and rule documents from Config::rules_dir (*.json, stored as
// opaque text; kind = file name) when that folder exists. Runs only on an empty DB.
#pragma once

#include <cstdint>

#include "config.h"
#include "store/store.h"

namespace clinic::server {

// Returns the organization id (existing or new). Seeds only when `demo` is set and the
// database has no organization yet; otherwise creates a bare organization if none.
int64_t ensure_organization(const Config& config, Store& store, int64_t now_ms);

}  // namespace clinic::server
