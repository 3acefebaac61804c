// Knowledge-base search benchmark (docs/modules/kennisbank.md): N Dutch items of a
// realistic length (generated from a Dutch word list with a Zipf-like spread, the
// commonest words first, so "de" is everywhere) written through the module's repository
// on a SQLite file — the FTS5 index with the `dutch` tokenizer included — then search
// latency per query (p50/p95/p99 over many runs) through the same code the API uses.
//
//   bench_knowledge [--items 100000] [--runs 200] [--database /tmp/kb.db]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "app/demo.hpp"
#include "core/dutch.hpp"
#include "modules/knowledge/repository.hpp"
#include "modules/organisation/service.hpp"
#include "store/open.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// Commonest first: stop words, then the vocabulary of social neighbourhood teams.
const std::vector<std::string>& vocabulary() {
  static const std::vector<std::string> words = {
      "de", "het", "een", "en", "van", "in", "op", "te", "met", "voor", "bij", "is", "dat", "die", "aan", "als",
      "wordt", "zijn", "ook", "door", "naar", "om", "of", "niet", "worden", "kan", "deze", "wij", "hun", "over",
      "wijkcoach", "gezin", "gezinnen", "inwoner", "inwoners", "woning", "woningen", "begeleiding", "begeleiden",
      "schulden", "schuld", "huisbezoek", "huisbezoeken", "procedure", "procedures", "methodiek", "richtlijn",
      "afspraak", "afspraken", "gemeente", "corporatie", "woningcorporatie", "zorg", "ondersteuning", "jeugd",
      "kinderen", "kind", "ouders", "school", "veiligheid", "signaal", "signalen", "melding", "meldingen", "overleg",
      "team", "wijkteam", "wijkteams", "casus", "casussen", "plan", "plannen", "doel", "doelen", "resultaat",
      "resultaten", "aanpak", "werkwijze", "samenwerking", "ketenpartner", "ketenpartners", "huisarts", "ggz",
      "verslaving", "armoede", "inkomen", "uitkering", "toeslag", "toeslagen", "aanvraag", "aanvragen", "formulier",
      "formulieren", "budget", "kassabon", "besparing", "kosten", "maatwerk", "indicatie", "beschikking",
      "wachttijd", "wachtlijst", "bemiddeling", "buren", "overlast", "geluidsoverlast", "conflict", "gesprek",
      "gesprekken", "intake", "screening", "risico", "taxatie", "verwijzing", "doorverwijzing", "netwerk",
      "mantelzorg", "mantelzorger", "vrijwilliger", "vrijwilligers", "dagbesteding", "werk", "werkgever", "opleiding",
      "taal", "inburgering", "huur", "huurachterstand", "uitzetting", "ontruiming", "energie", "energierekening",
      "afsluiting", "betalingsregeling", "bewindvoering", "budgetbeheer", "schuldhulpverlening", "incasso",
      "deurwaarder", "privacy", "toestemming", "dossier", "verslag", "rapportage", "evaluatie", "kwaliteit",
      "training", "scholing", "intervisie", "coaching", "methode", "protocol", "handreiking", "checklist",
      "escalatie", "crisis", "spoed", "nazorg", "afschaling", "opschaling", "regie", "eigenaarschap", "ideeën",
      "verbetering", "verbeteringen", "huiselijk", "geweld", "kindermishandeling", "meldcode", "veilig", "thuis",
      "wonen", "doorstroom", "doorstroomwoning", "beschermd", "zelfstandig", "eenzaamheid", "ontmoeting",
      "buurthuis", "activiteit", "activiteiten", "preventie", "voorlichting", "bereik", "ervaring", "ervaringen"};
  return words;
}

std::string sentence(std::mt19937& rng, int length) {
  // Zipf-like: index = floor(n * u^3) favours the first (common) words.
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const auto& v = vocabulary();
  std::string out;
  for (int i = 0; i < length; ++i) {
    const double x = u(rng);
    const auto k = static_cast<std::size_t>(static_cast<double>(v.size()) * x * x * x);
    std::string w = v[std::min(k, v.size() - 1)];
    if (i == 0) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    out += (i ? " " : "") + w;
  }
  return out + ".";
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each line as it is measured, also through tee
  int items = 100000, runs = 200;
  std::string database = "/tmp/wijkkader-bench-knowledge.db";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--items")) items = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--database")) database = argv[i + 1];
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(database + suffix);
  auto db = wk::store::open_database(database);
  wk::organisation::Service organisations(*db);
  organisations.seed_default_lists(0);
  wk::app::create_demo_organisation(organisations, 0);
  const auto org = organisations.organisations().front().id;
  const auto owner = db->read([&](wk::store::Tx& tx) { return wk::organisation::Service::users(tx, org).front().id; });

  // Items of ~300 words in 5–15 paragraphs, written in batches of 1,000 per transaction.
  std::mt19937 rng(2017);
  const char* categories[] = {"methodiek", "document", "procedure", "richtlijn"};
  const auto started = Clock::now();
  std::size_t bytes = 0;
  for (int done = 0; done < items;) {
    const int batch = std::min(1000, items - done);
    db->with_write([&](wk::store::Tx& tx) {
      for (int b = 0; b < batch; ++b, ++done) {
        wk::knowledge::repo::ItemRow item;
        item.category = categories[done % 4];
        item.status = "gepubliceerd";
        item.owner_id = owner;
        item.published_version = 1;
        item.review_by = "2027-06-30";
        item.created_by = owner;
        item.id = wk::knowledge::repo::insert_item(tx, org, item);
        wk::knowledge::repo::VersionRow v;
        v.version = 1;
        v.status = "gepubliceerd";
        v.category = item.category;
        v.title = sentence(rng, 5);
        v.title.pop_back();
        for (int p = 0, n = 5 + static_cast<int>(rng() % 11); p < n; ++p) v.body += sentence(rng, 25) + "\n\n";
        v.tags = "[]";
        v.author_id = owner;
        wk::knowledge::repo::insert_version(tx, org, item.id, v);
        wk::knowledge::repo::index(tx, org, item.id, v.title, v.body, {});
        bytes += v.title.size() + v.body.size();
      }
      return true;
    });
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::printf("indexed %d items (%.1f MB of text) in %.1f s: %.0f items/s\n", items, static_cast<double>(bytes) / 1e6,
              seconds, items / seconds);

  const std::vector<std::string> queries = {"de", "woning", "woningen", "begeleiding gezinnen", "schuldhulp",
                                            "huisbez", "ideeen", "wachttijd indicatie", "het de een"};
  std::printf("%-22s %8s %8s %8s %8s\n", "query", "hits", "p50 ms", "p95 ms", "p99 ms");
  for (const auto& text : queries) {
    const auto q = wk::dutch::parse_query(text);
    std::vector<double> times;
    std::int64_t hits = 0;
    for (int r = 0; r < runs; ++r) {
      const auto t0 = Clock::now();
      db->with_read([&](wk::store::Tx& tx) {
        hits = wk::knowledge::repo::search(tx, org, q, {"gepubliceerd"}, std::nullopt, std::nullopt, 20, 0).total;
      });
      times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::printf("%-22s %8lld %8.2f %8.2f %8.2f\n", ("\"" + text + "\"").c_str(), static_cast<long long>(hits),
                percentile(times, 0.5), percentile(times, 0.95), percentile(times, 0.99));
  }
  return 0;
}
