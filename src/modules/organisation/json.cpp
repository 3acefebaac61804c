#include "modules/organisation/json.hpp"

#include "core/time.hpp"

namespace wk::organisation {

nlohmann::json to_json(const Organisation& o) {
  return {{"id", o.id}, {"name", o.name}, {"slug", o.slug}};
}

nlohmann::json to_json(const Settings& s) {
  return {{"knowledge_coach_authors", s.knowledge_coach_authors}, {"public_privacy_note", s.public_privacy_note}};
}

nlohmann::json to_json(const District& d) {
  return {{"id", d.id}, {"name", d.name}};
}

nlohmann::json to_json(const Team& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"district", to_json(t.district)},
          {"neighbourhoods", t.neighbourhoods},
          {"active", t.active},
          {"member_count", t.member_count}};
}

nlohmann::json to_json(const User& u) {
  nlohmann::json teams = nlohmann::json::array();
  for (const auto& t : u.teams) teams.push_back({{"id", t.id}, {"name", t.name}});
  return {{"id", u.id},
          {"email", u.email},
          {"name", u.name},
          {"roles", u.roles},
          {"teams", teams},
          {"active", u.active},
          {"created_at", iso8601_utc(u.created_at)},
          {"last_login_at", u.last_login_at ? nlohmann::json(iso8601_utc(*u.last_login_at)) : nlohmann::json(nullptr)}};
}

nlohmann::json to_json(const ListValue& v) {
  return {{"id", v.id},
          {"code", v.code},
          {"label", v.label},
          {"label_en", v.label_en.empty() ? v.label : v.label_en},
          {"active", v.active},
          {"position", v.position},
          {"audience", v.audience},
          {"public_label", v.public_label}};
}

nlohmann::json audit_snapshot(const Team& t) {
  auto j = to_json(t);
  j.erase("member_count");
  return j;
}

nlohmann::json audit_snapshot(const User& u) {
  auto j = to_json(u);
  j.erase("last_login_at");
  j.erase("created_at");
  return j;
}

}  // namespace wk::organisation
