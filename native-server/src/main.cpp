// clinic-server: the authority behind the mini-program and the front desk.
//   clinic-server [serve] [--flag=value ...]   run the HTTP server (see config.h / README)
//   clinic-server backup FILE [--db=PATH]      online, consistent copy (SQLite backup API)
//   clinic-server migrate --from=FILE --to=URL  copy a SQLite deployment into PostgreSQL
//   clinic-server routes                        print the route table
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "app.h"
#include "config.h"
#include "domain/account_service.h"
#include "http/server.h"
#include "log.h"
#include "privacy/vault.h"
#include "store/pg.h"
#include "store/sqlite_to_pg.h"
#include "store/store.h"

using namespace clinic::server;

// jemalloc's options (the build links it: native-server/CMakeLists.txt), read by name at its
// start; MALLOC_CONF in the environment still overrides them, and glibc's malloc ignores the
// symbol. A background thread returns freed pages to the system, where by default the thread
// that happens to allocate does it inline: without the thread, two of five bench runs gave the
// rows with no write that run first after the start (triage.evaluate, triage/match) a p99 of
// 16-50 ms; with it, 0.2-4.7 ms (docs/member-account.md, "2026-12-04 (late)").
extern "C" {
const char* malloc_conf = "background_thread:true";  // braces: C linkage without `extern` on a definition
}

namespace {

const char* kUsage =
    "usage: clinic-server [serve] [--config FILE] [--port N] [--bind ADDR] [--threads N] [--db PATH|URL]\n"
    "                     [--key-file PATH] [--wechat-appid ID] [--wechat-secret S] [--wechat-api-base URL]\n"
    "                     [--log-level debug|info|warn|error] [--demo] ...   (every setting: README, Server)\n"
    "       clinic-server backup FILE [--db PATH]\n"
    "       clinic-server routes\n"
    "       clinic-server migrate --from=FILE --to=postgresql://… [--key-file PATH]   (SQLite → PostgreSQL)\n"
    "       clinic-server verify-accounts [--db PATH|URL] [--key-file PATH]   (exit 1 on any difference)\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string command = "serve";
  if (!args.empty() && args[0].rfind("--", 0) != 0) {
    command = args[0];
    args.erase(args.begin());
  }
  if (command == "help" || (!args.empty() && (args[0] == "--help" || args[0] == "-h"))) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  try {
    if (command == "backup") {
      if (args.empty() || args[0].rfind("--", 0) == 0) {
        std::fputs(kUsage, stderr);
        return 2;
      }
      std::string dest = args[0];
      std::string db = "var/clinic.db";
      if (const char* env = std::getenv("CLINIC_DB")) db = env;
      for (size_t i = 1; i < args.size(); ++i) {
        if (args[i].rfind("--db=", 0) == 0)
          db = args[i].substr(5);
        else if (args[i] == "--db" && i + 1 < args.size())
          db = args[++i];
        else
          throw ConfigError("backup: unknown argument " + args[i]);
      }
      Store::backup(db, dest);
      std::fprintf(stderr, "clinic-server: backup of %s written to %s\n", db.c_str(), dest.c_str());
      return 0;
    }
    if (command == "migrate") {
      // Copies a SQLite deployment into an empty PostgreSQL database (store/sqlite_to_pg.h),
      // then checks every member's account on the target as verify-accounts does.
      std::string from, to, key;
      for (const std::string& a : args) {
        if (a.rfind("--from=", 0) == 0)
          from = a.substr(7);
        else if (a.rfind("--to=", 0) == 0)
          to = a.substr(5);
        else if (a.rfind("--key-file=", 0) == 0)
          key = a.substr(11);
        else
          throw ConfigError("migrate: unknown argument " + a);
      }
      if (from.empty() || !is_postgres_url(to)) throw ConfigError("migrate: needs --from=FILE --to=postgresql://…");
      for (const CopiedTable& t : copy_sqlite_to_pg(from, to, 0)) {
        std::fprintf(stdout, "%-20s %lld rows\n", t.table.c_str(), static_cast<long long>(t.target_rows));
      }
      Vault vault = Vault::open(key.empty() ? from + ".key" : key);
      Store store(StoreOptions{to, "FULL", 1, 1}, vault, 0);
      AccountCheck c = store.read([](Repos& r) { return verify_accounts(r); });
      store.stop();
      for (const std::string& d : c.differences) std::fprintf(stdout, "%s\n", d.c_str());
      std::fprintf(stdout,
                   "migrate: copied; verify-accounts on the target: %lld members, %lld entries, %zu difference(s)\n",
                   static_cast<long long>(c.members), static_cast<long long>(c.entries), c.differences.size());
      return c.differences.empty() ? 0 : 1;
    }
    if (command == "verify-accounts") {
      // Replays every member's ledger and compares it with the stored account. Opens only
      // the store (no WeChat settings, no seeding, no account building first).
      std::string db = "var/clinic.db", key;
      if (const char* env = std::getenv("CLINIC_DB")) db = env;
      if (const char* env = std::getenv("CLINIC_KEY_FILE")) key = env;
      for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--db" && i + 1 < args.size())
          db = args[++i];
        else if (args[i] == "--key-file" && i + 1 < args.size())
          key = args[++i];
        else
          throw ConfigError("verify-accounts: unknown argument " + args[i]);
      }
      if (key.empty() && is_postgres_url(db))
        throw ConfigError("verify-accounts: --key-file is required with a database URL");
      Vault vault = Vault::open(key.empty() ? db + ".key" : key);
      Store store(StoreOptions{db, "FULL", 1, 1}, vault, 0);
      AccountCheck c = store.read([](Repos& r) { return verify_accounts(r); });
      store.stop();
      for (const std::string& d : c.differences) std::fprintf(stdout, "%s\n", d.c_str());
      std::fprintf(stdout, "verify-accounts: %lld members, %lld entries, %zu difference(s)\n",
                   static_cast<long long>(c.members), static_cast<long long>(c.entries), c.differences.size());
      return c.differences.empty() ? 0 : 1;
    }
    if (command != "serve" && command != "routes") {
      std::fprintf(stderr, "clinic-server: unknown command \"%s\"\n%s", command.c_str(), kUsage);
      return 2;
    }
    Config config = load_config(args);
    Log::set_level(config.log_level);
    if (command == "routes") {
      // Lists routes only: touches no key file and no database (they may not even exist here).
      App app(config, App::RoutesOnly{});
      for (const RouteInfo& r : app.router().routes()) {
        std::printf("%-6s %-28s %s\n", std::string(http::to_string(r.method)).c_str(), r.pattern.c_str(),
                    r.summary.c_str());
      }
      return 0;
    }
    log_info("config: " + describe(config));
    App app(config);
    return run_server(app);
  } catch (const ConfigError& e) {
    std::fprintf(stderr, "clinic-server: bad configuration: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "clinic-server: cannot start: %s\n", e.what());
    return 1;
  }
}
