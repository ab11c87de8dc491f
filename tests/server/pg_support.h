// Helpers for the PostgreSQL doctest suites (test suites named "pg …"): a fresh database
// per test in the cluster ctest started (scripts/lib/pg-cluster.sh, fixture "pg"), dropped
// at the end. CLINIC_TEST_PG holds the URL of that cluster's `postgres` database; without
// it (server_tests run on its own) the suites skip.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include "engagement/pg_engagement_repo.h"
#include "privacy/vault.h"
#include "store/pg.h"
#include "store/pg_activity_repos.h"
#include "store/pg_family_repos.h"
#include "store/pg_migrations.h"
#include "store/pg_pool.h"
#include "store/pg_repos.h"

namespace clinic::server::testing {

inline std::optional<std::string> pg_admin_url() {
  const char* url = std::getenv("CLINIC_TEST_PG");
  if (!url || !*url) return std::nullopt;
  return std::string(url);
}

// `url` with its database name replaced: postgresql://[host]/DB?params
inline std::string pg_url_with_db(const std::string& url, const std::string& db) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme + 3);
  size_t query = url.find('?', slash == std::string::npos ? 0 : slash);
  if (slash == std::string::npos) return url + "/" + db;
  return url.substr(0, slash + 1) + db + (query == std::string::npos ? "" : url.substr(query));
}

class PgTestDb {
 public:
  PgTestDb() {
    auto admin = pg_admin_url();
    if (!admin) return;
    static std::atomic<int> n{0};
    name_ = "clinic_t" + std::to_string(::getpid()) + "_" + std::to_string(++n);
    admin_ = *admin;
    PgConn c(admin_);
    c.exec("DROP DATABASE IF EXISTS " + name_);
    c.exec("CREATE DATABASE " + name_);
    url_ = pg_url_with_db(admin_, name_);
  }
  ~PgTestDb() {
    if (name_.empty() || std::getenv("CLINIC_KEEP_TEST_DIRS")) return;
    try {
      PgConn c(admin_);
      c.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (...) {
    }
  }
  bool available() const { return !url_.empty(); }
  const std::string& url() const { return url_; }

 private:
  std::string admin_, name_, url_;
};

// The PostgreSQL repositories implemented so far, over one connection.
struct PgTestRepos : PgPlatformRepos, PgActivityRepos, PgFamilyRepos {
  PgTestRepos(PgConn& c, const Vault& v)
      : PgPlatformRepos(c, v), PgActivityRepos(c), PgFamilyRepos(c, v), engagement_(c) {}
  EngagementRepo& engagement() { return engagement_; }
  PgEngagementRepo engagement_;
};

// A migrated database with one organisation and clinic; write()/read() run a job on the repos.
struct PgFixture {
  PgTestDb db;
  Vault vault{std::string(32, 'k')};
  std::unique_ptr<PgPool> pool;
  int64_t org = 0, clinic = 0;
  PgFixture() {
    if (!db.available()) return;
    pool = std::make_unique<PgPool>(PgPoolOptions{db.url(), 8});
    {
      PgConn c(db.url());
      pg_migrate(c, 1);
    }
    org = write([](PgTestRepos& r) { return r.create_org("Org", 1); });
    clinic = write([&](PgTestRepos& r) { return r.create_clinic(org, "Clinic", 480, 1); });
  }
  template <class F>
  auto write(F&& f) -> std::invoke_result_t<F, PgTestRepos&> {
    return pool->write([&](PgConn& c) {
      PgTestRepos r(c, vault);
      return f(r);
    });
  }
  template <class F>
  auto read(F&& f) -> std::invoke_result_t<F, PgTestRepos&> {
    return pool->read([&](PgConn& c) {
      PgTestRepos r(c, vault);
      return f(r);
    });
  }
  int64_t member(const std::string& openid) {
    return write([&](PgTestRepos& r) { return r.upsert_member_login(org, openid, std::nullopt, "sk", 1).member.id; });
  }
};

}  // namespace clinic::server::testing

#define REQUIRE_PG(f)                                            \
  if (!(f).db.available()) {                                     \
    MESSAGE("CLINIC_TEST_PG not set: PostgreSQL tests skipped"); \
    return;                                                      \
  }
