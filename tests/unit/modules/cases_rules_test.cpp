#include <gtest/gtest.h>

#include "modules/cases/model.hpp"
#include "modules/cases/service.hpp"
#include "modules/organisation/value_lists.hpp"

namespace wk::cases {
namespace {

TEST(StatusOnDate, LastEntryOnOrBeforeTheDate) {
  const std::vector<StatusEntry> history = {
      {Status::lopend, "2017-02-01"},
      {Status::zo_goed_als_afgerond, "2017-06-01"},
      {Status::afgerond, "2017-09-01"},
  };
  EXPECT_FALSE(status_on(history, "2017-01-31"));  // not started yet
  EXPECT_EQ(status_on(history, "2017-02-01"), Status::lopend);
  EXPECT_EQ(status_on(history, "2017-05-31"), Status::lopend);
  EXPECT_EQ(status_on(history, "2017-06-01"), Status::zo_goed_als_afgerond);
  EXPECT_EQ(status_on(history, "2017-12-31"), Status::afgerond);
}

TEST(StatusOnDate, RecordedLaterOnTheSameDateWins) {
  const std::vector<StatusEntry> history = {{Status::afgerond, "2017-06-01"}, {Status::lopend, "2017-06-01"}};
  EXPECT_EQ(status_on(history, "2017-06-01"), Status::lopend);
}

TEST(StatusOnDate, EntriesRecordedOutOfDateOrder) {
  // A status recorded afterwards with an earlier effective date.
  const std::vector<StatusEntry> history = {{Status::afgerond, "2017-09-01"}, {Status::lopend, "2017-03-01"}};
  EXPECT_EQ(status_on(history, "2017-05-01"), Status::lopend);
  EXPECT_EQ(status_on(history, "2017-10-01"), Status::afgerond);
}

TEST(Receipt, TotalsAndNegativeSaving) {
  Receipt r{1,
            {{0, Side::oud, 1, 1, "", 240000, "", ""},
             {0, Side::nieuw, 1, 1, "", 31100, "", ""},
             {0, Side::nieuw, 2, 1, "", 250000, "", ""}}};
  const auto t = r.totals();
  EXPECT_EQ(t.oud, 240000);
  EXPECT_EQ(t.nieuw, 281100);
  EXPECT_EQ(t.saving(), -41100);
  EXPECT_TRUE(counts_in_report(Status::afgerond));
  EXPECT_TRUE(counts_in_report(Status::zo_goed_als_afgerond));
  EXPECT_FALSE(counts_in_report(Status::lopend));
}

TEST(FreeText, BsnRefusedOtherPersonalDataWarned) {
  std::vector<FieldError> errors;
  std::vector<Warning> warnings;
  check_free_text("plan", "Afspraak met moeder, bsn 123456782", errors, warnings);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "plan");
  errors.clear();
  check_free_text("plan", "mail j@example.nl of bel 06-12345678", errors, warnings);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(warnings.size(), 2u);
}

Principal who(std::vector<std::string> roles, std::vector<std::int64_t> teams = {}) {
  Principal p;
  p.roles = std::move(roles);
  p.team_ids = std::move(teams);
  return p;
}

TEST(CaseAccess, ByRoleTeamAndProgramme) {
  const std::string prog = "doorstroomwoningen";
  EXPECT_TRUE(can_edit_case(who({"coach"}, {1}), 1, prog));
  EXPECT_FALSE(can_read_case(who({"coach"}, {1}), 2, prog));
  EXPECT_TRUE(can_read_case(who({"team_manager"}, {1}), 1, prog));
  EXPECT_FALSE(can_edit_case(who({"team_manager"}, {1}), 1, prog));
  EXPECT_TRUE(can_edit_case(who({"coordinator:doorstroomwoningen"}), 7, prog));
  EXPECT_FALSE(can_read_case(who({"coordinator:meldpunt"}), 7, prog));
  EXPECT_TRUE(can_read_case(who({"quality"}), 7, prog));
  EXPECT_FALSE(can_edit_case(who({"director"}), 7, prog));
  for (const char* r : {"hr", "admin", "funder"}) {
    EXPECT_FALSE(may_read_some_cases(who({r}, {7}))) << r;
    EXPECT_FALSE(can_read_case(who({r}, {7}), 7, prog)) << r;
  }
}

TEST(ValueLists, CodesFromDutchLabels) {
  EXPECT_EQ(organisation::code_from_label("GGZ / verslavingszorg"), "ggz_verslavingszorg");
  EXPECT_EQ(organisation::code_from_label("jeugdhulp (tweede lijn)"), "jeugdhulp_tweede_lijn");
  EXPECT_EQ(organisation::code_from_label("Wmo-begeleiding"), "wmo_begeleiding");
  EXPECT_EQ(organisation::code_from_label("Coördinatie café"), "coordinatie_cafe");
}

}  // namespace
}  // namespace wk::cases
