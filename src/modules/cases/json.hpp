// JSON shapes of the cases module (docs/openapi.json, tags "cases" and "receipts").
#pragma once

#include <nlohmann/json.hpp>

#include "modules/cases/service.hpp"

namespace wk::cases {

nlohmann::json to_json(const Totals& t);
nlohmann::json summary_json(const Case& c);  // CaseSummary
nlohmann::json to_json(const CaseView& v);   // Case with history and warnings
nlohmann::json to_json(const ReceiptView& r);
nlohmann::json to_json(const Summary& s);

// What the audit log keeps of a case and of a receipt.
nlohmann::json audit_snapshot(const repo::CaseRow& c);
nlohmann::json audit_snapshot(const std::vector<CostLine>& lines);

}  // namespace wk::cases
