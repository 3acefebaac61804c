#include <gtest/gtest.h>

#include "modules/audit/audit_log.hpp"

namespace wk::audit {
namespace {

Entry entry(std::string entity, std::string entity_id, nlohmann::json before, nlohmann::json after) {
  return {1,
          0,
          std::nullopt,
          std::nullopt,
          "update",
          std::move(entity),
          std::move(entity_id),
          std::move(before),
          std::move(after)};
}

// The log names a record as its snapshot names it, the later snapshot first.
TEST(AuditLabel, TheRecordsOwnName) {
  EXPECT_EQ(label_of(entry("team", "3", {{"name", "Oud"}}, {{"name", "Wijkteam Centrum"}})), "Wijkteam Centrum");
  EXPECT_EQ(label_of(entry("team", "3", {{"name", "Weg"}}, nullptr)), "Weg");  // deleted: the name it had
  EXPECT_EQ(label_of(entry("case", "7", nullptr, {{"reference", "DW-2025-01"}})), "DW-2025-01");
  EXPECT_EQ(label_of(entry("case", "7", nullptr,
                           {{"case", {{"reference", "IMP-04"}}}, {"receipt", nlohmann::json::array()}})),
            "IMP-04");
  EXPECT_EQ(label_of(entry("knowledge_item", "5", nullptr,
                           {{"status", "concept"}, {"version", {{"title", "Oplossingsgericht werken"}}}})),
            "Oplossingsgericht werken");
  EXPECT_EQ(label_of(entry("knowledge_item", "5", nullptr, {{"title", "Meldcode"}, {"status", "gepubliceerd"}})),
            "Meldcode");
  EXPECT_EQ(label_of(entry("knowledge_attachment", "2", nullptr, {{"file", {{"name", "werkinstructie.pdf"}}}})),
            "werkinstructie.pdf");
  EXPECT_EQ(label_of(entry("report_text", "2025/kwaliteit", nullptr, {{"body", "..."}})),
            "Jaarverslag 2025, hoofdstuk kwaliteit");
  EXPECT_EQ(label_of(entry("session", "4", nullptr, {{"address", "127.0.0.1"}})), "");
  EXPECT_EQ(label_of(entry("receipt", "7", nlohmann::json::array(), nlohmann::json::array())), "");
}

TEST(AuditLabel, ALongDescriptionIsCutOnACharacter) {
  const std::string long_text = std::string(78, 'a') + "éé en nog veel meer";
  const auto label = label_of(entry("sensemaking_action", "1", nullptr, {{"description", long_text}}));
  EXPECT_EQ(label, std::string(78, 'a') + "é…");
}

}  // namespace
}  // namespace wk::audit
