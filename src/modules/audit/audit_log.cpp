#include "modules/audit/audit_log.hpp"

#include <algorithm>
#include <limits>

#include "core/text.hpp"

namespace wk::audit {

namespace {
store::Param json_param(const nlohmann::json& j) {
  if (j.is_null()) return nullptr;
  return j.dump();
}
nlohmann::json json_cell(const store::Row& row, std::size_t i) {
  if (row.is_null(i)) return nullptr;
  return nlohmann::json::parse(row.str(i), nullptr, false);
}
}  // namespace

void record(store::Tx& tx, const Event& e, Millis at) {
  tx.execute(
      "INSERT INTO audit_log (org_id, at, actor_user_id, action, entity, entity_id, before_json, after_json) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {e.org_id, at, e.actor_user_id, e.action, e.entity, e.entity_id, json_param(e.before), json_param(e.after)});
}

std::vector<Entry> list(store::Tx& tx, const Query& q) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  // The page goes on after the last entry shown, in (at, id) order.
  std::int64_t after_at = kMax, after_id = kMax;
  if (q.before_id) {
    const auto last = tx.query_one("SELECT at FROM audit_log WHERE org_id = ? AND id = ?", {q.org_id, *q.before_id});
    if (!last) return {};
    after_at = last->i64(0);
    after_id = *q.before_id;
  }
  const std::string select =
      "SELECT a.id, a.at, a.actor_user_id, u.name, a.action, a.entity, a.entity_id, a.before_json, a.after_json "
      "FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id AND u.org_id = a.org_id ";
  // Every statement keeps the time range and the position as bounds on (at, id), so the
  // index that fits its equality filter (audit_log_time, _actor_time, _entity_time;
  // audit_log_entity for one record) reads one range in order, however long the log.
  constexpr const char* kRange =
      "AND a.at >= ? AND a.at < ? AND (a.at < ? OR (a.at = ? AND a.id < ?)) ORDER BY a.at DESC, a.id DESC LIMIT ?";
  // The upper bound starts the index range at the position itself (not at the newest
  // entry), so a page deep in the log costs what the first one does.
  const std::int64_t from = q.from.value_or(std::numeric_limits<std::int64_t>::min());
  const std::int64_t until = std::min(q.until.value_or(kMax), after_at == kMax ? kMax : after_at + 1);
  std::vector<store::Row> rows;
  if (q.entity && q.entity_id) {
    rows = tx.query(
        select + "WHERE a.org_id = ? AND a.entity = ? AND a.entity_id = ? " +
            "AND (CAST(? AS BIGINT) IS NULL OR a.actor_user_id = ?) " + kRange,
        {q.org_id, q.entity, q.entity_id, q.actor_id, q.actor_id, from, until, after_at, after_at, after_id, q.limit});
  } else if (q.actor_id) {
    rows = tx.query(select + "WHERE a.org_id = ? AND a.actor_user_id = ? " +
                        "AND (CAST(? AS TEXT) IS NULL OR a.entity = ?) " + kRange,
                    {q.org_id, q.actor_id, q.entity, q.entity, from, until, after_at, after_at, after_id, q.limit});
  } else if (q.entity) {
    rows = tx.query(select + "WHERE a.org_id = ? AND a.entity = ? " + kRange,
                    {q.org_id, q.entity, from, until, after_at, after_at, after_id, q.limit});
  } else {
    rows = tx.query(select + "WHERE a.org_id = ? " + kRange,
                    {q.org_id, from, until, after_at, after_at, after_id, q.limit});
  }
  std::vector<Entry> out;
  out.reserve(rows.size());
  for (const auto& r : rows)
    out.push_back({r.i64(0), r.i64(1), r.opt_i64(2), r.opt_str(3), r.str(4), r.str(5), r.str(6), json_cell(r, 7),
                   json_cell(r, 8)});
  return out;
}

namespace {

// The name a snapshot gives its record: its title, name or reference; an import's case;
// an attachment's file name; a knowledge item's version's title; an action's description.
std::string name_in(const nlohmann::json& snapshot) {
  if (!snapshot.is_object()) return {};
  for (const char* key : {"title", "name", "reference", "label"})
    if (auto it = snapshot.find(key); it != snapshot.end() && it->is_string() && !it->get<std::string>().empty())
      return it->get<std::string>();
  for (const char* nested : {"case", "file", "version"})
    if (auto it = snapshot.find(nested); it != snapshot.end())
      if (auto name = name_in(*it); !name.empty()) return name;
  if (auto it = snapshot.find("description"); it != snapshot.end() && it->is_string()) return it->get<std::string>();
  return {};
}

}  // namespace

std::string label_of(const Entry& e) {
  if (e.entity == "report_text") {  // "2017/kwaliteit"
    const auto slash = e.entity_id.find('/');
    if (slash == std::string::npos) return e.entity_id;
    return "Jaarverslag " + e.entity_id.substr(0, slash) + ", hoofdstuk " + e.entity_id.substr(slash + 1);
  }
  auto name = name_in(e.after);
  if (name.empty()) name = name_in(e.before);
  // A long description (an action) is cut: the whole text is in the change itself.
  constexpr std::size_t kMaxChars = 80;
  if (text::utf8_length(name) > kMaxChars) return std::string(text::utf8_prefix(name, kMaxChars - 1)) + "…";
  return name;
}

std::int64_t count(store::Tx& tx, std::int64_t org_id) {
  return tx.query_one("SELECT COUNT(*) FROM audit_log WHERE org_id = ?", {org_id})->i64(0);
}

}  // namespace wk::audit
