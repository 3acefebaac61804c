#include "modules/organisation/demo.hpp"

#include <stdexcept>

#include "core/crypto.hpp"

namespace wk::demo {

namespace {

struct DemoTeam {
  const char* name;
  const char* district;
  std::vector<std::string> codes;  // CBS-like codes for the demo (municipality 0153)
};

const std::vector<DemoTeam>& demo_teams() {
  static const std::vector<DemoTeam> teams = {
      {"Wijkteam Centrum", "Centrum", {"WK015300"}},
      {"Wijkteam Noord", "Noord", {"WK015301"}},
      {"Wijkteam Roombeek-Twekkelerveld", "Noord", {"WK015302"}},
      {"Wijkteam Oost", "Oost", {"WK015303"}},
      {"Wijkteam Glanerbrug", "Oost", {"WK015304"}},
      {"Wijkteam Zuid", "Zuid", {"WK015305"}},
      {"Wijkteam Helmerhoek-Wesselerbrink", "Zuid", {"WK015306"}},
      {"Wijkteam West", "West", {"WK015307"}},
      {"Wijkteam Stadsveld-Boswinkel", "West", {"WK015308"}},
  };
  return teams;
}

struct DemoUser {
  DemoLogin login;
  const char* name;
  std::vector<std::string> roles;
  std::vector<std::string> teams;
};

const std::vector<DemoUser>& demo_users() {
  static const std::vector<DemoUser> users = {
      {{"beheer@smd.example", "functioneel beheerder"}, "Bram Beheer", {"admin"}, {}},
      {{"coach@smd.example", "wijkcoach, Wijkteam Centrum"}, "Carla Coach", {"coach"}, {"Wijkteam Centrum"}},
      {{"coach.noord@smd.example", "wijkcoach, Wijkteam Noord"}, "Nadia Noord", {"coach"}, {"Wijkteam Noord"}},
      {{"teammanager@smd.example", "wijkteammanager Centrum en Noord"},
       "Tom Teammanager",
       {"team_manager"},
       {"Wijkteam Centrum", "Wijkteam Noord"}},
      {{"kwaliteit@smd.example", "kwaliteitsmedewerker"}, "Kim Kwaliteit", {"quality"}, {}},
      {{"kwaliteit2@smd.example", "kwaliteitsmedewerker (beoordeelt en publiceert kennisbank-items)"},
       "Joost Jansen",
       {"quality"},
       {}},
      {{"regie@smd.example", "coördinator doorstroomwoningen"},
       "Rik Regieassistent",
       {"coordinator:doorstroomwoningen"},
       {}},
      {{"po@smd.example", "P&O / controller"}, "Petra P&O", {"hr"}, {}},
      {{"directeur@smd.example", "directeur-bestuurder"}, "Dirk Directeur", {"director"}, {}},
      {{"gemeente@enschede.example", "gemeente (financier)"}, "Gerda Gemeente", {"funder"}, {}},
  };
  return users;
}

}  // namespace

Principal demo_principal(const organisation::User& u, std::int64_t org_id) {
  Principal p;
  p.user_id = u.id;
  p.org_id = org_id;
  p.email = u.email;
  p.name = u.name;
  p.roles = u.roles;
  p.team_ids = u.team_ids();
  return p;
}

std::map<std::string, Principal> demo_principals(store::Database& db, std::int64_t org_id) {
  std::map<std::string, Principal> by_email;
  for (const auto& u : db.read([&](store::Tx& tx) { return organisation::Service::users(tx, org_id); }))
    by_email.emplace(u.email, demo_principal(u, org_id));
  return by_email;
}

const std::vector<DemoLogin>& demo_logins() {
  static const std::vector<DemoLogin> logins = [] {
    std::vector<DemoLogin> out;
    for (const auto& u : demo_users()) out.push_back(u.login);
    return out;
  }();
  return logins;
}

Millis demo_time(const std::string& date, int hour) {
  return start_of_day_nl(date) + static_cast<Millis>(hour) * 3'600'000;
}

std::optional<std::string> create_demo_organisation(organisation::Service& organisations, Millis now) {
  for (const auto& o : organisations.organisations())
    if (o.slug == "smd") return std::nullopt;
  const auto org = must(organisations.create_organisation("SMD Enschede-Haaksbergen (demo)", "smd",
                                                          {"Centrum", "Noord", "Oost", "Zuid", "West"}, now),
                        "organisation");
  for (const auto& t : demo_teams())
    must(organisations.add_team_as_system(org.id, t.name, t.district, t.codes, now), t.name);
  // One random password for all demo accounts: nothing guessable ships with the product.
  const std::string password = crypto::random_token().substr(0, 16);
  for (const auto& u : demo_users())
    must(organisations.add_user_as_system(org.id, {u.login.email, u.name, password, u.roles, {}}, u.teams, now),
         u.login.email.c_str());
  return password;
}

}  // namespace wk::demo
