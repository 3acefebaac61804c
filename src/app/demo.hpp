// The demo organisation (`wijkkader serve --demo` on an empty database): modelled on
// SMD Enschede-Haaksbergen, with five districts, nine teams and a user for every role.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "modules/cases/service.hpp"
#include "modules/knowledge/knowledge.hpp"
#include "modules/organisation/service.hpp"
#include "modules/programmes/programmes.hpp"
#include "modules/sensemaking/sensemaking.hpp"
#include "modules/stories/stories.hpp"
#include "modules/usage/usage.hpp"
#include "report/report.hpp"

namespace wk::app {

struct DemoLogin {
  std::string email;
  std::string description;  // Dutch: the role this account shows
};

const std::vector<DemoLogin>& demo_logins();

// A demo record that cannot be made is a bug: stop and say which one.
template <class T>
T must(Result<T> r, const std::string& what) {
  if (!r) throw std::runtime_error("demo data: " + what + ": " + r.error().detail);
  return std::move(*r);
}

// The demo user as the services see a signed-in user.
Principal demo_principal(const organisation::User& u, std::int64_t org_id);
// Every demo user of the organisation as a signed-in user, by e-mail address.
std::map<std::string, Principal> demo_principals(store::Database& db, std::int64_t org_id);

// Creates the demo organisation unless an organisation with slug `smd` exists.
// Returns the (random) password of every demo account when it created them.
std::optional<std::string> create_demo_organisation(organisation::Service& organisations, Millis now);

// A moment of a day in Dutch time: the demo's records carry the dates they would have had.
Millis demo_time(const std::string& date, int hour);

// The demo's content (`serve --demo-data`) is about the previous calendar year, the year
// whose report one writes now, and this year so far.

// Programmes Doorstroomwoningen and WoonStAP with the previous year's cases and receipts.
void add_demo_kassabonnen(store::Database& db, programmes::Service& programmes, cases::Service& cases,
                          std::int64_t org_id, Millis now);

// Two years of stories, residents' stories to moderate, the previous year's sense-making
// sessions with themes and actions (and views of the vertelpunt), an open session of
// this year, a best practice.
void add_demo_vertelpunt(store::Database& db, stories::Service& stories, sensemaking::Service& sessions,
                         usage::Service& usage, std::int64_t org_id, Millis now);

// The previous year's report texts, every chapter, written by the director and quality.
void add_demo_jaarverslag(store::Database& db, report::Service& reports, std::int64_t org_id, Millis now);

// Demo content for the kennisbank (`serve --demo-data`): published items of every
// category (one due for review soon, one overdue), one waiting for review, a concept,
// ratings, a verification and views over the past months.
void add_demo_kennisbank(store::Database& db, knowledge::Service& knowledge, std::int64_t org_id, Millis now);

}  // namespace wk::app
