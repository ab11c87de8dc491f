#include "triage_session.h"

#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "clinic/command.h"

namespace clinic::cli {
namespace {

namespace json = boost::json;

struct Texts {
  const char* age;
  const char* months;
  const char* sex;
  const char* pregnant;
  const char* complaint;
  const char* pick;
  const char* none;
  const char* yes;
  const char* no;
  const char* yn;
  const char* choose;
  const char* multi;
  const char* number;
  const char* outcome;
  const char* dept;
  const char* advice;
  const char* sooner;
  const char* invalid;
  const char* red_flag;
};

const Texts kZh{"年龄（岁）：",
                "月龄（0–11 个月）：",
                "性别（1 男 / 2 女）：",
                "是否怀孕？（y/n）：",
                "哪里不舒服？请描述主要症状：",
                "请选择编号：",
                "没有找到匹配的主诉，请从列表中选择：",
                "是",
                "否",
                "（y 是 / n 否）：",
                "选择编号：",
                "可多选，用逗号分隔编号，直接回车表示“都没有”：",
                "请输入数字",
                "结果",
                "建议科室",
                "建议",
                "出现以下情况请尽快就医",
                "输入无效，请重试。",
                "（危险信号）"};
const Texts kEn{"Age (years): ",
                "Months (0-11): ",
                "Sex (1 male / 2 female): ",
                "Pregnant? (y/n): ",
                "What is the main problem? Describe it: ",
                "Pick a number (0 = show all): ",
                "No match found; pick from the list:",
                "yes",
                "no",
                "(y/n): ",
                "Choose a number: ",
                "Choose any, comma-separated numbers; Enter for none of these: ",
                "Enter a number",
                "Outcome",
                "Department",
                "Advice",
                "Seek care sooner if",
                "Invalid input, try again.",
                "(red flag)"};

class CallError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One core call; an {"error":…} response becomes an exception here only (cli/ is not core).
json::object call(const json::object& request) {
  json::value r = json::parse(clinic::call(json::serialize(request)));
  if (const json::value* e = r.as_object().if_contains("error")) {
    throw CallError(std::string(e->at("code").as_string()) + ": " + std::string(e->at("message").as_string()) + " (" +
                    std::string(e->at("path").as_string()) + ")");
  }
  return r.at("ok").as_object();
}

std::string str(const json::value& v) {
  return std::string(v.as_string());
}

std::string format_answer(const json::object& q, const json::value& a, const Texts& t) {
  std::string kind = str(q.at("kind"));
  if (kind == "yes_no") return a.as_bool() ? t.yes : t.no;
  if (kind == "number") {
    std::ostringstream n;  // 38.4, not the codec's 3.84E1
    n << (a.is_double() ? a.as_double() : static_cast<double>(a.as_int64()));
    return n.str() + " " + str(q.at("unit"));
  }
  auto text_of = [&](const json::value& id) {
    for (const auto& o : q.at("options").as_array()) {
      if (o.at("id") == id) return str(o.at("text"));
    }
    return str(id);
  };
  if (kind == "single") return text_of(a);
  std::string out;
  for (const auto& id : a.as_array()) out += (out.empty() ? "" : "; ") + text_of(id);
  return out.empty() ? "—" : out;
}

void print_question(const json::object& q, int64_t index, const Texts& t) {
  std::cout << "\nQ" << index << ". " << str(q.at("text"))
            << (q.at("red_flag").as_bool() ? std::string(" ") + t.red_flag : "") << "\n";
  if (const json::value* h = q.if_contains("help")) std::cout << "    " << str(*h) << "\n";
  if (const json::value* opts = q.if_contains("options")) {
    int i = 1;
    for (const auto& o : opts->as_array()) std::cout << "    " << i++ << ". " << str(o.at("text")) << "\n";
  }
}

void print_outcome(const json::object& o, const Texts& t) {
  std::cout << "\n== " << t.outcome << ": " << str(o.at("title")) << " [" << str(o.at("level")) << "]\n"
            << t.dept << ": ";
  bool first = true;
  for (const auto& d : o.at("departments").as_array()) {
    std::cout << (first ? "" : " / ") << str(d.at("name"));
    first = false;
  }
  std::cout << "\n" << t.advice << ": " << str(o.at("advice")) << "\n" << t.sooner << ":\n";
  for (const auto& s : o.at("go_sooner_if").as_array()) std::cout << "  - " << str(s) << "\n";
  std::cout << str(o.at("disclaimer")) << "\n";
}

json::object request(std::string_view op, const std::string& lang) {
  return json::object{{"op", op}, {"v", 1}, {"lang", lang}};
}

int run_script(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << path << "\n";
    return 1;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  json::object script = json::parse(ss.str()).as_object();
  std::string lang = script.contains("lang") && script.at("lang") == "en" ? "en" : "zh-CN";
  const Texts& t = lang == "en" ? kEn : kZh;
  json::value patient = script.at("patient");
  std::cout << "patient: " << json::serialize(patient) << "\n";
  std::string complaint;
  if (const json::value* id = script.if_contains("complaint_id")) {
    complaint = str(*id);
  } else {
    json::object m = request("triage.match", lang);
    m["text"] = script.at("complaint");
    m["patient"] = patient;
    json::array matches = call(m).at("matches").as_array();
    std::cout << "complaint: \"" << str(script.at("complaint")) << "\"\n";
    int i = 1;
    for (const auto& x : matches) {
      std::cout << "  " << i++ << ". " << str(x.at("name")) << " [" << str(x.at("complaint")) << "] score "
                << x.at("score").as_int64() << " (matched \"" << str(x.at("matched")) << "\")\n";
    }
    if (matches.empty()) throw CallError("no complaint matched the script text");
    complaint = str(matches[0].at("complaint"));
  }
  json::object start = request("triage.start", lang);
  start["complaint"] = complaint;
  start["patient"] = patient;
  json::object r = call(start);
  std::cout << "protocol: " << str(r.at("protocol").at("name")) << " [" << str(r.at("protocol").at("id")) << " rev "
            << r.at("protocol").at("revision").as_int64() << "]\n";
  json::object answers = script.contains("answers") ? script.at("answers").as_object() : json::object{};
  bool strict = script.contains("unlisted") && script.at("unlisted") == "error";
  while (r.at("status") == "question") {
    const json::object& q = r.at("question").as_object();
    print_question(q, r.at("asked").as_int64() + 1, t);
    std::string qid = str(q.at("id"));
    std::string kind = str(q.at("kind"));
    json::value a;
    std::string note;
    if (const json::value* given = answers.if_contains(qid)) {
      a = *given;
    } else if (!strict && (kind == "yes_no" || kind == "multi")) {
      a = kind == "yes_no" ? json::value(false) : json::value(json::array{});
      note = " (not in script)";
    } else {
      throw CallError("the script has no answer for question " + qid + " (" + kind + ")");
    }
    std::cout << "A: " << format_answer(q, a, t) << note << "\n";
    json::object step = request("triage.answer", lang);
    step["state"] = r.at("state");
    step["question"] = qid;
    step["answer"] = a;
    r = call(step);
  }
  print_outcome(r.at("outcome").as_object(), t);
  json::object verify = request("triage.evaluate", lang);
  verify["state"] = r.at("state");
  bool same = json::serialize(call(verify).at("outcome")) == json::serialize(r.at("outcome"));
  std::cout << "\nserver re-evaluation: " << (same ? "identical outcome" : "MISMATCH") << " ("
            << r.at("path").as_array().size() << " questions asked)\n";
  return same ? 0 : 1;
}

bool read_line(const char* prompt, std::string& line) {
  std::cout << prompt << std::flush;
  if (!std::getline(std::cin, line)) throw CallError("input ended");
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
  while (!line.empty() && line.front() == ' ') line.erase(0, 1);
  return true;
}

bool parse_int(const std::string& s, int& out) {
  if (s.empty() || s.size() > 6) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  out = std::stoi(s);
  return true;
}

int run_interactive(std::string lang) {
  std::string line;
  if (lang.empty()) {
    read_line("语言 Language: 1 中文 / 2 English: ", line);
    lang = line == "2" ? "en" : "zh-CN";
  }
  const Texts& t = lang == "en" ? kEn : kZh;
  json::object patient;
  int years = -1;
  while (!(read_line(t.age, line) && parse_int(line, years) && years <= 120)) std::cout << t.invalid << "\n";
  patient["age_years"] = years;
  if (years == 0) {
    int months = 0;
    read_line(t.months, line);
    patient["age_months"] = parse_int(line, months) && months <= 11 ? months : 0;
  }
  read_line(t.sex, line);
  bool female = line == "2";
  patient["sex"] = female ? "female" : "male";
  if (female && years >= 10 && years <= 60) {
    read_line(t.pregnant, line);
    patient["pregnant"] = !line.empty() && (line[0] == 'y' || line[0] == 'Y' || line.rfind("是", 0) == 0);
  }
  std::string complaint;
  while (complaint.empty()) {
    read_line(t.complaint, line);
    json::array list;
    if (!line.empty()) {
      json::object m = request("triage.match", lang);
      m["text"] = line;
      m["patient"] = patient;
      list = call(m).at("matches").as_array();
    }
    if (list.empty()) {
      std::cout << t.none << "\n";
      json::object c = request("triage.catalog", lang);
      c["patient"] = patient;
      json::object catalog = call(c);  // keep the response alive while iterating
      for (const auto& x : catalog.at("complaints").as_array()) {
        list.push_back(json::object{{"complaint", x.at("id")}, {"name", x.at("name")}});
      }
    }
    int i = 1;
    for (const auto& x : list) std::cout << "  " << i++ << ". " << str(x.at("name")) << "\n";
    int pick = -1;
    read_line(t.pick, line);
    if (parse_int(line, pick) && pick == 0) {
      // The whole catalogue for this patient, when no match fits.
      json::object c = request("triage.catalog", lang);
      c["patient"] = patient;
      list.clear();
      json::object catalog = call(c);  // keep the response alive while iterating
      for (const auto& x : catalog.at("complaints").as_array()) {
        list.push_back(json::object{{"complaint", x.at("id")}, {"name", x.at("name")}});
      }
      int i2 = 1;
      for (const auto& x : list) std::cout << "  " << i2++ << ". " << str(x.at("name")) << "\n";
      read_line(t.choose, line);
      parse_int(line, pick);
    }
    if (pick >= 1 && pick <= static_cast<int>(list.size())) {
      complaint = str(list[pick - 1].at("complaint"));
    }
  }
  json::object start = request("triage.start", lang);
  start["complaint"] = complaint;
  start["patient"] = patient;
  json::object r = call(start);
  std::cout << "\n" << str(r.at("protocol").at("name")) << "\n";
  while (r.at("status") == "question") {
    const json::object& q = r.at("question").as_object();
    print_question(q, r.at("asked").as_int64() + 1, t);
    std::string kind = str(q.at("kind"));
    json::value answer;
    while (answer.is_null()) {
      std::string prompt = kind == "yes_no" ? t.yn : kind == "single" ? t.choose : kind == "multi" ? t.multi : "";
      if (kind == "number") {
        prompt = std::string(t.number) + " (" + json::serialize(q.at("min")) + "-" + json::serialize(q.at("max")) +
                 " " + str(q.at("unit")) + "): ";
      }
      read_line(prompt.c_str(), line);
      size_t n_opts = q.contains("options") ? q.at("options").as_array().size() : 0;
      int pick = 0;
      if (kind == "yes_no") {
        if (line == "y" || line == "Y" || line == "yes" || line == "是" || line == "1") answer = true;
        if (line == "n" || line == "N" || line == "no" || line == "否" || line == "0" || line == "2") answer = false;
      } else if (kind == "single") {
        if (parse_int(line, pick) && pick >= 1 && pick <= static_cast<int>(n_opts))
          answer = q.at("options").as_array()[pick - 1].at("id");
      } else if (kind == "multi") {
        json::array ids;
        std::set<int> seen;
        bool ok = true;
        std::stringstream parts(line);
        std::string part;
        while (std::getline(parts, part, ',')) {
          while (!part.empty() && part.front() == ' ') part.erase(0, 1);
          while (!part.empty() && part.back() == ' ') part.pop_back();
          if (part.empty()) continue;
          if (!parse_int(part, pick) || pick < 1 || pick > static_cast<int>(n_opts))
            ok = false;
          else if (seen.insert(pick).second)
            ids.push_back(q.at("options").as_array()[pick - 1].at("id"));
        }
        if (ok) answer = std::move(ids);
      } else {
        json::error_code ec;
        json::value v = json::parse(line, ec);
        if (!ec && v.is_number()) answer = v;
      }
      if (answer.is_null()) std::cout << t.invalid << "\n";
    }
    json::object step = request("triage.answer", lang);
    step["state"] = r.at("state");
    step["question"] = q.at("id");
    step["answer"] = answer;
    try {
      r = call(step);
    } catch (const CallError& e) {
      std::cout << e.what() << "\n";  // e.g. a number out of range: ask again
    }
  }
  print_outcome(r.at("outcome").as_object(), t);
  return 0;
}

}  // namespace

int run_triage_session(int argc, char** argv) {
  std::string lang;
  std::string script;
  for (int i = 0; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--script" && i + 1 < argc) {
      script = argv[++i];
    } else if (a == "--lang" && i + 1 < argc) {
      lang = std::string_view(argv[++i]) == "en" ? "en" : "zh-CN";
    } else {
      std::cerr << "usage: clinic-core triage [--lang en|zh-CN] [--script answers.json]\n";
      return 2;
    }
  }
  try {
    return script.empty() ? run_interactive(lang) : run_script(script);
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}

}  // namespace clinic::cli
