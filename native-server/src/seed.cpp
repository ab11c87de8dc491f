#include "seed.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "auth/passwords.h"
#include "domain/core_client.h"
#include "domain/ledger_service.h"
#include "log.h"
#include "privacy/vault.h"

namespace clinic::server {
namespace {

void write_private_file(const std::string& path, const std::string& text) {
  ::unlink(path.c_str());
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot write " + path);
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write " + path);
}

void seed_demo(const Config& config, Repos& r, int64_t org, int64_t now_ms) {
  int64_t east = r.create_clinic(org, "城东诊所 East Clinic", 480, now_ms);
  int64_t west = r.create_clinic(org, "城西诊所 West Clinic", 480, now_ms);
  struct Dept {
    const char *code, *zh, *en;
  };
  const Dept depts[] = {{"general", "全科", "General practice"},
                        {"pediatrics", "儿科", "Pediatrics"},
                        {"internal", "内科", "Internal medicine"}};
  const char* names[] = {"王医生", "李医生", "张医生", "陈医生", "刘医生", "杨医生"};
  int n = 0;
  // Slots start at the next local (UTC+8) midnight: 09:00–12:00, 30 minutes, 7 days.
  int64_t local_midnight = ((now_ms + 480 * 60'000) / kDayMs + 1) * kDayMs - 480 * 60'000;
  // Contact cards for the emergency screens (call, map): demo addresses in Shanghai, GCJ-02 microdegrees.
  r.families().set_clinic_contact(
      east, ClinicContact{"上海市浦东新区世纪大道 100 号 100 Century Avenue, Pudong, Shanghai", "021-50000001",
                          31235929, 121506377});
  r.families().set_clinic_contact(
      west, ClinicContact{"上海市长宁区延安西路 1000 号 1000 West Yan'an Road, Changning, Shanghai", "021-50000002",
                          31207166, 121410556});
  for (int64_t clinic : {east, west}) {
    for (const Dept& d : depts) {
      int64_t dept = r.create_department(Department{0, clinic, d.code, d.zh, d.en});
      int64_t doctor = r.create_doctor(Doctor{0, clinic, dept, names[n++ % 6], "主治医师"});
      for (int day = 0; day < 7; ++day) {
        for (int k = 0; k < 6; ++k) {
          int64_t start = local_midnight + day * kDayMs + 9 * 3'600'000 + k * 1'800'000;
          r.create_slot(Slot{0, clinic, doctor, start, start + 1'800'000, 4, 0});
        }
      }
    }
  }
  // Staff with random passwords, printed by scripts/run from the credentials file.
  struct Account {
    const char *username, *name, *role;
    std::optional<int64_t> clinic;
  };
  const Account accounts[] = {{"desk", "前台 Desk (East)", "desk", east},
                              {"manager", "店长 Manager (East)", "manager", east},
                              {"admin", "管理员 Admin", "admin", std::nullopt},
                              {"desk-west", "前台 Desk (West)", "desk", west}};
  std::ostringstream creds;
  for (const Account& a : accounts) {
    std::string password = random_token(9);
    Staff s;
    s.org_id = org;
    s.clinic_id = a.clinic;
    s.username = a.username;
    s.display_name = a.name;
    s.role = a.role;
    s.password_hash = hash_password(password);
    r.create_staff(s, now_ms);
    creds << a.username << " " << password << " " << a.role << " " << (a.clinic ? std::to_string(*a.clinic) : "all")
          << "\n";
  }
  write_private_file(config.demo_credentials_file, creds.str());
  // Demo members (fake openids; PII sealed by the repository).
  const char* phones[] = {"13812345678", "13987654321"};
  const char* member_names[] = {"张三", "李四"};
  for (int i = 0; i < 2; ++i) {
    MemberLogin m =
        r.upsert_member_login(org, "demo-openid-" + std::to_string(i + 1), std::nullopt, "demo-session-key", now_ms);
    r.set_member_pii(m.member.id, MemberPii{std::string(member_names[i]), std::string(phones[i]), std::nullopt});
    r.record_consent(m.member.id, Consent{"health_data", true, "2026-01", now_ms});
    r.record_consent(m.member.id, Consent{"marketing", false, "2026-01", now_ms});
  }
  // Rules: opaque documents now; the engines validate them when they land.
  std::error_code ec;
  if (std::filesystem::is_directory(config.rules_dir, ec)) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(config.rules_dir, ec)) {
      if (e.path().extension() == ".json") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f);
      std::stringstream text;
      text << in.rdbuf();
      // Points rules are validated by the core (rules.validate) and stored as kind "points".
      std::string kind = f.stem().string();
      boost::json::object checked = core_call("rules.validate", boost::json::object{{"rules", text.str()}}, "en");
      if (checked["schema"] == "points_rules") kind = kPointsRulesKind;
      for (int64_t clinic : {east, west}) {
        RuleVersion v = r.add_rule_version(clinic, kind, text.str(), std::nullopt, now_ms);
        r.activate_rule_version(clinic, v.kind, v.version);
      }
      log_info("demo: seeded rules " + f.filename().string());
    }
  }
}

}  // namespace

int64_t ensure_organization(const Config& config, Store& store, int64_t now_ms) {
  auto existing = store.read([](Repos& r) { return r.first_org_id(); });
  if (existing) return *existing;
  return store.write([&](Repos& r) {
    int64_t org = r.create_org(config.demo ? "健康会员演示医疗集团 Demo Health Group" : "Organization", now_ms);
    if (config.demo) {
      seed_demo(config, r, org, now_ms);
      log_info("demo: seeded organization, 2 clinics, staff (passwords in " + config.demo_credentials_file + ")");
    }
    return org;
  });
}

}  // namespace clinic::server
