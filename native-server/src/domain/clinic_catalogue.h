// The clinic's catalogue of services and items the desk builds a cart from. Prices and
// the prescription flag come from here, never from the desk's request (the rx flag
// decides points, discounts and rebates). Demo data; a per-clinic table can replace it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace clinic::server {

struct CatalogueItem {
  const char* sku;
  const char* name_zh;
  const char* name_en;
  int64_t amount_fen;
  bool rx;
};

inline const std::vector<CatalogueItem>& clinic_catalogue() {
  static const std::vector<CatalogueItem> items = {
      {"SVC-CONSULT", "诊查费", "Consultation", 5000, false},
      {"SVC-BP", "血压测量", "Blood-pressure check", 1000, false},
      {"SVC-CHECKUP", "基础体检", "Basic check-up", 30000, false},
      {"SVC-BLOOD", "血常规", "Full blood count", 8000, false},
      {"OTC-IBUPROFEN", "布洛芬缓释胶囊（非处方）", "Ibuprofen (OTC)", 2500, false},
      {"RX-AMOXICILLIN", "阿莫西林胶囊（处方药）", "Amoxicillin (prescription)", 3500, true},
      {"RX-METFORMIN", "二甲双胍片（处方药）", "Metformin (prescription)", 5000, true},
      {"RX-AMLODIPINE", "氨氯地平片（处方药）", "Amlodipine (prescription)", 4200, true},
  };
  return items;
}

inline const CatalogueItem* find_catalogue_item(const std::string& sku) {
  for (const CatalogueItem& i : clinic_catalogue()) {
    if (sku == i.sku) return &i;
  }
  return nullptr;
}

}  // namespace clinic::server
