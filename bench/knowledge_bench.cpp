// Knowledge-base search benchmark (docs/modules/kennisbank.md): N Dutch items of a
// realistic length (generated from a Dutch word list with a Zipf-like spread, the
// commonest words first, so "de" is everywhere) written through the module's repository
// on a SQLite file — the FTS5 index with the `dutch` tokenizer included — or on a
// PostgreSQL database (`--database postgresql://…`, each item's change noted for the
// servers' copies of the index, as the API does; scripts/with-postgres.sh starts a
// throw-away server; the first search builds this process's copy, decision 0011), then search
// latency per query (p50/p95/p99 over many runs) through the module's service, as the
// API calls it (the hits built with their snippets, the facets counted), for a coach
// (published items) and for quality staff (drafts too, with a category and a tag).
//
//   bench_knowledge [--items 100000] [--runs 200] [--database /tmp/kb.db] [--words /usr/share/dict/dutch]
//                   [--reuse 1] [--only woning]   (search an existing database; only the cases of one query)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/dutch.hpp"
#include "modules/knowledge/knowledge.hpp"
#include "modules/knowledge/repository.hpp"
#include "modules/knowledge/search_key.hpp"
#include "modules/organisation/demo.hpp"
#include "modules/organisation/service.hpp"
#include "store/migrations.hpp"
#include "store/open.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// The words of the generated text, commonest first: Dutch function words in their
// order of frequency in running text, then the vocabulary of social neighbourhood teams,
// then 40,000 words drawn (with a fixed seed) from Debian's Dutch word list (wdutch,
// /usr/share/dict/dutch), so rare words are rare and most words occur in few items.
std::vector<std::string> vocabulary(const std::string& word_list) {
  std::vector<std::string> words = {"de",
                                    "van",
                                    "het",
                                    "een",
                                    "en",
                                    "in",
                                    "is",
                                    "dat",
                                    "op",
                                    "te",
                                    "die",
                                    "voor",
                                    "met",
                                    "zijn",
                                    "niet",
                                    "aan",
                                    "er",
                                    "om",
                                    "ook",
                                    "als",
                                    "bij",
                                    "of",
                                    "door",
                                    "wordt",
                                    "naar",
                                    "maar",
                                    "worden",
                                    "dan",
                                    "uit",
                                    "nog",
                                    "kan",
                                    "over",
                                    "meer",
                                    "tot",
                                    "deze",
                                    "wel",
                                    "ze",
                                    "hun",
                                    "zo",
                                    "geen",
                                    "hebben",
                                    "heeft",
                                    "nu",
                                    "al",
                                    "wat",
                                    "veel",
                                    "we",
                                    "wij",
                                    "zich",
                                    "moet",
                                    "andere",
                                    "tegen",
                                    "onder",
                                    "omdat",
                                    "zal",
                                    "na",
                                    "alle",
                                    "tussen",
                                    "kunnen",
                                    "dit",
                                    "waar",
                                    "goed",
                                    "komen",
                                    "twee",
                                    "jaar",
                                    "eerste",
                                    "gaan",
                                    "nieuwe",
                                    "samen",
                                    "waarbij",
                                    "elkaar",
                                    "wijkcoach",
                                    "gezin",
                                    "gezinnen",
                                    "inwoner",
                                    "inwoners",
                                    "woning",
                                    "woningen",
                                    "begeleiding",
                                    "begeleiden",
                                    "schulden",
                                    "schuld",
                                    "huisbezoek",
                                    "huisbezoeken",
                                    "procedure",
                                    "procedures",
                                    "methodiek",
                                    "richtlijn",
                                    "afspraak",
                                    "afspraken",
                                    "gemeente",
                                    "corporatie",
                                    "woningcorporatie",
                                    "zorg",
                                    "ondersteuning",
                                    "jeugd",
                                    "kinderen",
                                    "kind",
                                    "ouders",
                                    "school",
                                    "veiligheid",
                                    "signaal",
                                    "signalen",
                                    "melding",
                                    "meldingen",
                                    "overleg",
                                    "team",
                                    "wijkteam",
                                    "wijkteams",
                                    "casus",
                                    "casussen",
                                    "plan",
                                    "plannen",
                                    "doel",
                                    "doelen",
                                    "resultaat",
                                    "resultaten",
                                    "aanpak",
                                    "werkwijze",
                                    "samenwerking",
                                    "ketenpartner",
                                    "ketenpartners",
                                    "huisarts",
                                    "ggz",
                                    "verslaving",
                                    "armoede",
                                    "inkomen",
                                    "uitkering",
                                    "toeslag",
                                    "toeslagen",
                                    "aanvraag",
                                    "aanvragen",
                                    "formulier",
                                    "formulieren",
                                    "budget",
                                    "kassabon",
                                    "besparing",
                                    "kosten",
                                    "maatwerk",
                                    "indicatie",
                                    "beschikking",
                                    "wachttijd",
                                    "wachtlijst",
                                    "bemiddeling",
                                    "buren",
                                    "overlast",
                                    "geluidsoverlast",
                                    "conflict",
                                    "gesprek",
                                    "gesprekken",
                                    "intake",
                                    "screening",
                                    "risico",
                                    "taxatie",
                                    "verwijzing",
                                    "doorverwijzing",
                                    "netwerk",
                                    "mantelzorg",
                                    "mantelzorger",
                                    "vrijwilliger",
                                    "vrijwilligers",
                                    "dagbesteding",
                                    "werk",
                                    "werkgever",
                                    "opleiding",
                                    "taal",
                                    "inburgering",
                                    "huur",
                                    "huurachterstand",
                                    "uitzetting",
                                    "ontruiming",
                                    "energie",
                                    "energierekening",
                                    "afsluiting",
                                    "betalingsregeling",
                                    "bewindvoering",
                                    "budgetbeheer",
                                    "schuldhulpverlening",
                                    "incasso",
                                    "deurwaarder",
                                    "privacy",
                                    "toestemming",
                                    "dossier",
                                    "verslag",
                                    "rapportage",
                                    "evaluatie",
                                    "kwaliteit",
                                    "training",
                                    "scholing",
                                    "intervisie",
                                    "coaching",
                                    "methode",
                                    "protocol",
                                    "handreiking",
                                    "checklist",
                                    "escalatie",
                                    "crisis",
                                    "spoed",
                                    "nazorg",
                                    "afschaling",
                                    "opschaling",
                                    "regie",
                                    "eigenaarschap",
                                    "ideeën",
                                    "verbetering",
                                    "verbeteringen",
                                    "huiselijk",
                                    "geweld",
                                    "kindermishandeling",
                                    "meldcode",
                                    "veilig",
                                    "thuis",
                                    "wonen",
                                    "doorstroom",
                                    "doorstroomwoning",
                                    "beschermd",
                                    "zelfstandig",
                                    "eenzaamheid",
                                    "ontmoeting",
                                    "buurthuis",
                                    "activiteit",
                                    "activiteiten",
                                    "preventie",
                                    "voorlichting",
                                    "bereik",
                                    "ervaring",
                                    "ervaringen"};
  const std::set<std::string> known(words.begin(), words.end());
  std::vector<std::string> listed;
  std::ifstream in(word_list);
  for (std::string w; std::getline(in, w);) {
    // Lower-case words of letters only (UTF-8 letters such as ë included), none already above.
    const bool plain = w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (static_cast<unsigned char>(c) & 0x80);
                       });
    if (plain && !known.count(w)) listed.push_back(w);
  }
  if (listed.size() < 40000) {
    std::fprintf(stderr, "%s: %zu usable words; install wdutch (scripts/bootstrap.sh bench)\n", word_list.c_str(),
                 listed.size());
    std::exit(2);
  }
  std::shuffle(listed.begin(), listed.end(), std::mt19937(2017));
  words.insert(words.end(), listed.begin(), listed.begin() + 40000);
  return words;
}

// Words drawn by Zipf's law (the word of rank r with weight 1/r), as in running text.
class Text {
 public:
  explicit Text(std::vector<std::string> words) : words_(std::move(words)) {
    double sum = 0;
    for (std::size_t r = 1; r <= words_.size(); ++r) cumulative_.push_back(sum += 1.0 / static_cast<double>(r));
  }
  std::string sentence(std::mt19937& rng, int length) const {
    std::uniform_real_distribution<double> u(0.0, cumulative_.back());
    std::string out;
    for (int i = 0; i < length; ++i) {
      const auto k = std::lower_bound(cumulative_.begin(), cumulative_.end(), u(rng)) - cumulative_.begin();
      std::string w = words_[std::min(static_cast<std::size_t>(k), words_.size() - 1)];
      if (i == 0) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
      out += (i ? " " : "") + w;
    }
    return out + ".";
  }

 private:
  std::vector<std::string> words_;
  std::vector<double> cumulative_;
};

// Tags as teams use them: a few common ones, many rare.
const std::vector<std::string> kTags = {
    "wonen",        "schulden",     "jeugd",     "veiligheid",   "gezin",         "werk",        "zorg",
    "privacy",      "meldcode",     "intake",    "huisbezoek",   "overlast",      "bemiddeling", "armoede",
    "ggz",          "verslaving",   "school",    "mantelzorg",   "vrijwilligers", "eenzaamheid", "taal",
    "inburgering",  "energie",      "huur",      "budgetbeheer", "nazorg",        "crisis",      "escalatie",
    "regie",        "netwerk",      "evaluatie", "kwaliteit",    "training",      "intervisie",  "preventie",
    "voorlichting", "dagbesteding", "ouderen",   "jongeren",     "statushouders"};

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each line as it is measured, also through tee
  int items = 100000, runs = 200;
  bool reuse = false;
  std::string database = "/tmp/wijkkader-bench-knowledge.db", word_list = "/usr/share/dict/dutch", only;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--items")) items = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--database")) database = argv[i + 1];
    if (!std::strcmp(argv[i], "--words")) word_list = argv[i + 1];
    if (!std::strcmp(argv[i], "--reuse")) reuse = std::atoi(argv[i + 1]) != 0;  // search an existing database again
    if (!std::strcmp(argv[i], "--only")) only = argv[i + 1];  // for a profiler: the cases of this query alone
  }
  const Text text(vocabulary(word_list));
  if (!reuse)
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(database + suffix);
  auto db = wk::store::open_database(database);
  const bool sqlite = db->dialect() == wk::store::Dialect::sqlite;
  wk::organisation::Service organisations(*db);
  if (!reuse) {
    wk::demo::create_demo_organisation(organisations, 0);
  }
  const auto org = organisations.organisations().front().id;
  const auto owner = db->read([&](wk::store::Tx& tx) { return wk::organisation::Service::users(tx, org).front().id; });

  if (!reuse) {
    // Items of 3–12 paragraphs of 2–6 sentences of 6–20 words (about 500 words on average)
    // with 0–4 tags, one in twenty a draft and one in twenty archived, written through the
    // repository in batches of 1,000 per transaction; then the search index built in one
    // pass by migration 0009's own SQL (a rebuild, as on upgrading); then items saved one
    // per transaction through repo::index, as the API saves them.
    std::mt19937 rng(2017);
    const char* categories[] = {"methodiek", "document", "procedure", "richtlijn"};
    std::size_t bytes = 0;
    const auto make = [&](wk::store::Tx& tx, int n) {
      wk::knowledge::repo::ItemRow item;
      item.category = categories[n % 4];
      item.status = n % 20 == 0 ? "concept" : n % 20 == 1 ? "gearchiveerd" : "gepubliceerd";
      item.owner_id = owner;
      (item.status == "concept" ? item.draft_version : item.published_version) = 1;
      item.review_by = "2027-06-30";
      item.created_by = owner;
      item.id = wk::knowledge::repo::insert_item(tx, org, item);
      wk::knowledge::repo::VersionRow v;
      v.version = 1;
      v.status = item.status == "concept" ? "concept" : "gepubliceerd";
      v.category = item.category;
      v.title = text.sentence(rng, 3 + static_cast<int>(rng() % 7));
      v.title.pop_back();
      for (int p = 0, paragraphs = 3 + static_cast<int>(rng() % 10); p < paragraphs; ++p) {
        for (int k = 0, m = 2 + static_cast<int>(rng() % 5); k < m; ++k) {
          if (k) v.body += ' ';
          v.body += text.sentence(rng, 6 + static_cast<int>(rng() % 15));
        }
        v.body += "\n\n";
      }
      std::set<std::string> tags;
      for (int t = 0, count = static_cast<int>(rng() % 5); t < count; ++t)
        tags.insert(kTags[std::min(rng() % kTags.size(), rng() % kTags.size())]);  // the first ones commoner
      std::string json(1, '[');  // (assigning "[" trips GCC 12's -Wrestrict)
      for (const auto& t : tags) {
        if (json.size() > 1) json += ',';
        json.append("\"").append(t).append("\"");
      }
      v.tags = json + ']';
      v.author_id = owner;
      wk::knowledge::repo::insert_version(tx, org, item.id, v);
      bytes += v.title.size() + v.body.size();
      return std::tuple{item, v, std::vector<std::string>(tags.begin(), tags.end())};
    };
    auto started = Clock::now();
    for (int done = 0; done < items;) {
      const int batch = std::min(1000, items - done);
      db->with_write([&](wk::store::Tx& tx) {
        for (int b = 0; b < batch; ++b, ++done) {
          const auto [item, v, tags] = make(tx, done);
          if (!sqlite) {  // PostgreSQL: the item's change noted with it, as the API writes it
            wk::knowledge::repo::index(tx, org, item, v.title, v.body, tags);
            continue;
          }
          for (const auto& t : tags)
            tx.execute("INSERT INTO knowledge_tags (org_id, item_id, tag) VALUES (?, ?, ?)", {org, item.id, t});
        }
        return true;
      });
    }
    std::printf("wrote %d items (%.1f MB of text) in %.1f s\n", items, static_cast<double>(bytes) / 1e6,
                std::chrono::duration<double>(Clock::now() - started).count());
    if (sqlite) {
      started = Clock::now();
      for (const auto& m : wk::store::embedded_migrations(wk::store::Dialect::sqlite))
        if (m.name == "0009_knowledge_search_key")
          db->with_write([&](wk::store::Tx& tx) {
            tx.execute_script(m.sql);
            return true;
          });
      const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
      std::printf("index rebuilt (migration 0009) in %.1f s: %.0f items/s\n", seconds, items / seconds);
    } else {
      db->with_write([&](wk::store::Tx& tx) {
        tx.execute("ANALYZE");  // as autovacuum would after a bulk load
        return true;
      });
    }
    std::vector<double> saves;
    for (int n = 0; n < 200; ++n) {
      const auto t0 = Clock::now();
      db->with_write([&](wk::store::Tx& tx) {
        const auto [item, v, tags] = make(tx, items + n);
        wk::knowledge::repo::index(tx, org, item, v.title, v.body, tags);
        return true;
      });
      saves.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::printf("an item saved and indexed in its own transaction: p50 %.2f ms, p95 %.2f ms (%d saves)\n",
                percentile(saves, 0.5), percentile(saves, 0.95), static_cast<int>(saves.size()));
  }

  {
    // The compound words' list (decision 0009): loaded at the first long word; here anew.
    const auto t0 = Clock::now();
    wk::dutch::load_word_list(word_list);
    const auto& list = wk::dutch::word_list();
    std::printf("word list for compounds: %zu words, %.1f MB, loaded in %.0f ms\n", list.words,
                static_cast<double>(list.bytes) / 1e6,
                std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  wk::knowledge::Service knowledge(*db);
  wk::Principal coach, quality;
  coach.org_id = quality.org_id = org;
  coach.user_id = quality.user_id = owner;
  coach.roles = {"coach"};
  quality.roles = {"quality"};
  struct Case {
    const wk::Principal* who;
    std::string q;
    std::optional<std::string> category, tag;
  };
  std::vector<Case> cases;
  for (const char* q : {"de", "het de een", "goed", "woning", "woningen", "begeleiding gezinnen", "woni", "huisbez",
                        "ideeen", "wachttijd indicatie", "schuldhulp", "overleg", "corporatie"})
    cases.push_back({&coach, q, std::nullopt, std::nullopt});
  cases.push_back({&quality, "woning", std::nullopt, std::nullopt});
  cases.push_back({&quality, "woning", "procedure", std::nullopt});
  cases.push_back({&quality, "woni", std::nullopt, "wonen"});
  const auto now = wk::now_millis();
  if (db->dialect() == wk::store::Dialect::postgres) {
    // This process's copy of the index (search_replica.hpp), as a server builds it at start-up.
    const auto t0 = Clock::now();
    knowledge.prepare_search(true);
    std::printf("search index's copy built in %.1f s\n", std::chrono::duration<double>(Clock::now() - t0).count());
  }
  std::printf("%-8s %-32s %8s %8s %8s %8s\n", "who", "query", "hits", "p50 ms", "p95 ms", "p99 ms");
  for (const auto& c : cases) {
    if (!only.empty() && c.q != only) continue;
    wk::knowledge::SearchQuery query;
    query.q = c.q;
    query.category = c.category;
    query.tag = c.tag;
    std::vector<double> times;
    std::int64_t hits = 0;
    for (int r = 0; r < runs; ++r) {
      const auto t0 = Clock::now();
      const auto result = knowledge.search(*c.who, query, now);
      times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      if (!result) {
        std::fprintf(stderr, "search failed: %s\n", result.error().detail.c_str());
        return 1;
      }
      hits = result->total;
    }
    std::string label = "\"" + c.q + "\"";
    if (c.category) label += " category=" + *c.category;
    if (c.tag) label += " tag=" + *c.tag;
    std::printf("%-8s %-32s %8lld %8.2f %8.2f %8.2f\n", c.who == &coach ? "coach" : "quality", label.c_str(),
                static_cast<long long>(hits), percentile(times, 0.5), percentile(times, 0.95), percentile(times, 0.99));
  }
  return 0;
}
