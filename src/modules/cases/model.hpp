// Cases (casussen) and their cost receipts (kassabonnen), SPEC §4.2.
//
// A case is pseudonymous (a reference chosen by the team, never a client's name),
// belongs to a team and a programme, optionally to a group within the programme, and
// has a status with a dated history so that "the status on a reference date" can be
// asked. Its receipt is two lists of yearly cost lines: `oud` (without the
// intervention) and `nieuw` (after it). Saving = Σ oud − Σ nieuw; it may be negative.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"
#include "core/privacy.hpp"
#include "core/ref.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace wk::cases {

enum class Status { lopend, zo_goed_als_afgerond, afgerond };

std::string_view to_string(Status s);
std::optional<Status> status_from(std::string_view s);
// Only cases that are (almost) finished on the reference date count in the report.
inline bool counts_in_report(Status s) {
  return s != Status::lopend;
}

struct StatusEntry {
  Status status;
  std::string date;  // effective date, YYYY-MM-DD
  Millis recorded_at = 0;
  std::optional<std::int64_t> recorded_by = {};
  std::optional<std::string> recorded_by_name = {};
};

// The status on `date`: the last entry dated on or before it (entries in the order they
// were recorded; a later record on the same date wins). nullopt: the case had no status
// yet on that date.
std::optional<Status> status_on(const std::vector<StatusEntry>& history, std::string_view date);

struct Totals {
  Cents oud = 0;
  Cents nieuw = 0;
  Cents saving() const { return oud - nieuw; }
  void add(const Totals& o) {
    oud += o.oud;
    nieuw += o.nieuw;
  }
};

enum class Side { oud, nieuw };

inline constexpr Cents kMaxLineAmount = 10'000'000'000;  // € 100 million per year, per line
std::string_view to_string(Side s);

struct CostLine {
  std::int64_t id = 0;
  Side side;
  std::int64_t category_id;
  std::int64_t payer_id;
  std::string description;
  Cents amount;  // per year, >= 0
  std::string category_label;
  std::string payer_label;
};

struct Receipt {
  std::int64_t case_id;
  std::vector<CostLine> lines;
  Totals totals() const;
};

struct Case {
  std::int64_t id = 0;
  std::string reference;
  Ref team;
  Ref programme;
  std::string programme_slug;
  std::optional<Ref> group;
  std::optional<Ref> owner;
  std::string start_date;
  std::string plan;
  Status status = Status::lopend;
  std::vector<StatusEntry> history;
  Totals totals;
  Millis updated_at = 0;
};

}  // namespace wk::cases
