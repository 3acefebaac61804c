// wijkkader — the command line: serve, migrate, user add, org add, backup.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/app.hpp"
#include "core/crypto.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "modules/organisation/demo.hpp"
#include "store/migrations.hpp"
#include "store/open.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace {

namespace fs = std::filesystem;
constexpr const char* kDefaultDatabase = "var/wijkkader.db";

void setup_logging() {
  auto logger = spdlog::stderr_logger_mt("wijkkader");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})", spdlog::pattern_time_type::utc);
}

void add_database_option(CLI::App& cmd, std::string& database) {
  cmd.add_option("--database", database, "PostgreSQL URL (postgresql://user@host/db) or SQLite file path")
      ->envname("WIJKKADER_DATABASE")
      ->capture_default_str();
}

std::string default_web_root() {
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto beside = exe.parent_path().parent_path() / "web" / "dist";
    if (fs::exists(beside / "index.html")) return beside.string();
  }
  return "web/dist";
}

// Where the demo password is kept so that `make run` can show it again on a restart:
// beside the SQLite file, readable by its owner only. Not used for PostgreSQL.
fs::path demo_login_file(const std::string& database) {
  return fs::path(database).parent_path() / "demo-login.txt";
}

void print_demo_logins(const std::string& password) {
  std::cout << "\nDemo-organisatie: SMD Enschede-Haaksbergen (demo). Inloggen kan met (wachtwoord voor alle accounts: "
            << password << "):\n";
  for (const auto& l : wk::demo::demo_logins()) std::cout << "  " << l.email << "  (" << l.description << ")\n";
}

int serve(const std::string& database, const wk::http::ServerOptions& options, bool demo, bool demo_data,
          std::string web_root, const wk::app::Config& config) {
  if (web_root.empty()) web_root = default_web_root();
  const bool sqlite_store = !wk::store::is_postgres_url(database);
  const std::string sqlite_file = database.starts_with("sqlite:") ? database.substr(7) : database;
  const auto forbidden = wk::http::StaticFiles::forbidden_contents(
      web_root, sqlite_store ? std::vector<std::string>{sqlite_file, demo_login_file(sqlite_file).string()}
                             : std::vector<std::string>{config.search_index});
  if (!forbidden.empty()) {
    std::string list;
    for (const auto& f : forbidden) list += "\n  " + f;
    throw std::runtime_error("refusing to start: the web root " + web_root +
                             " holds files that must never be served (a database, its journal, a key or "
                             "configuration); move them out of it or choose another --web-root:" +
                             list);
  }
  if (sqlite_store && !config.search_index.empty())
    spdlog::warn(
        R"("event":"search_index_ignored","hint":"--search-index is for PostgreSQL; SQLite searches its own index")");
  auto db = wk::store::open_database(database, {.pool_size = options.threads * 2});
  wk::app::App app(*db, config);
  app.start();
  if (demo) {
    auto password = wk::demo::create_demo_organisation(app.organisations(), wk::now_millis());
    if (password && demo_data)
      for (const auto& o : app.organisations().organisations())
        if (o.slug == "smd") app.add_demo_content(o.id, wk::now_millis());
    const bool sqlite = !wk::store::is_postgres_url(database);
    if (password && sqlite) {
      const auto file = demo_login_file(database);
      std::ofstream(file) << *password << "\n";
      fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
    }
    if (!password && sqlite) {
      std::ifstream in(demo_login_file(database));
      std::string saved;
      if (std::getline(in, saved)) password = saved;
    }
    if (password) print_demo_logins(*password);
  }
  wk::http::StaticFiles files(web_root);
  if (files.size() == 0)
    spdlog::warn(R"("event":"no_web_app","web_root":{},"hint":"run make run to build the web app")",
                 nlohmann::json(web_root).dump());
  wk::http::Dispatcher dispatcher(app.router(), app.authenticator(), &files, &app.idempotency());
  wk::http::run_server(options, dispatcher, [&](std::uint16_t port) {
    const std::string host = options.bind_address == "0.0.0.0" ? "localhost" : options.bind_address;
    spdlog::info(R"("event":"listening","port":{},"database":{})", port,
                 nlohmann::json(wk::store::is_postgres_url(database) ? "postgresql" : database).dump());
    std::cout << "\nWijkkader draait op http://" << host << ":" << port << "/  (stoppen: Ctrl+C)\n" << std::flush;
  });
  db->close();
  spdlog::info(R"("event":"stopped")");
  return 0;
}

std::string read_password_from_stdin() {
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

std::int64_t resolve_org(wk::organisation::Service& organisations, const std::string& slug) {
  const auto all = organisations.organisations();
  if (slug.empty()) {
    if (all.size() == 1) return all.front().id;
    throw std::runtime_error(all.empty() ? "no organisation yet: create one with `wijkkader org add`"
                                         : "several organisations: choose one with --org SLUG");
  }
  for (const auto& o : all)
    if (o.slug == slug) return o.id;
  throw std::runtime_error("no organisation with slug " + slug);
}

std::string describe(const wk::Error& e) {
  std::string s = e.detail;
  for (const auto& f : e.fields) s += "\n  " + f.field + ": " + f.detail;
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Wijkkader: quality and accountability for social neighbourhood teams"};
  cli.require_subcommand(1);
  std::string database = kDefaultDatabase;

  // serve
  auto* serve_cmd = cli.add_subcommand("serve", "Start the web server");
  wk::http::ServerOptions options;
  bool demo = false, demo_data = false;
  std::string web_root;
  wk::app::Config config;
  int port = 8080;
  add_database_option(*serve_cmd, database);
  serve_cmd->add_option("--port", port, "TCP port")
      ->envname("WIJKKADER_PORT")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve_cmd->add_option("--bind", options.bind_address, "Address to listen on")
      ->envname("WIJKKADER_BIND")
      ->capture_default_str();
  serve_cmd->add_option("--threads", options.threads, "Worker threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve_cmd
      ->add_option("--max-upload-bytes", options.max_upload_bytes,
                   "Largest accepted upload (an import file or an attachment)")
      ->capture_default_str();
  serve_cmd->add_option("--max-body-bytes", options.max_body_bytes, "Largest accepted request body")
      ->capture_default_str();
  serve_cmd->add_option("--max-connections", options.max_connections, "Connection cap")->capture_default_str();
  serve_cmd
      ->add_option("--background-threads", options.background_threads,
                   "Threads for heavy work (printing PDFs with Chromium), apart from the request threads")
      ->check(CLI::Range(std::size_t{1}, std::size_t{16}))
      ->capture_default_str();
  serve_cmd
      ->add_option("--background-queue", options.background_queue,
                   "Heavy jobs that may wait for a background thread; beyond that 503 with Retry-After")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000}))
      ->capture_default_str();
  serve_cmd->add_option("--web-root", web_root, "Folder with the built web app (default: web/dist)")
      ->envname("WIJKKADER_WEB_ROOT");
  serve_cmd->add_flag("--demo", demo, "Create the demo organisation on an empty database");
  serve_cmd->add_flag("--demo-data", demo_data,
                      "With --demo: fill the new demo organisation with example records (stories, sessions)");
  serve_cmd->add_flag("--secure-cookies", config.cookies.secure, "Mark the session cookie Secure (behind TLS)");
  serve_cmd
      ->add_option("--search-index", config.search_index,
                   "PostgreSQL: a file for this server's copy of the kennisbank's search index, kept across "
                   "restarts (default: a temporary file, built anew at each start)")
      ->envname("WIJKKADER_SEARCH_INDEX");
  bool trust_proxy = false;
  serve_cmd->add_flag("--trust-proxy", trust_proxy,
                      "Behind a reverse proxy on this machine: the same as --trusted-proxies 127.0.0.0/8,::1/128");
  serve_cmd
      ->add_option("--trusted-proxies", options.trusted_proxies,
                   "Reverse proxies (CIDRs, comma-separated or repeated) whose X-Forwarded-For and "
                   "X-Forwarded-Proto are believed; the client is the right-most address not among them")
      ->envname("WIJKKADER_TRUSTED_PROXIES")
      ->delimiter(',');
  serve_cmd
      ->add_option("--max-connections-per-address", options.max_connections_per_address,
                   "Connection cap per client address (a trusted proxy's connections are not counted)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
      ->capture_default_str();

  // migrate
  auto* migrate_cmd = cli.add_subcommand("migrate", "Apply pending database migrations");
  add_database_option(*migrate_cmd, database);

  // user add
  auto* user_cmd = cli.add_subcommand("user", "Manage users");
  user_cmd->require_subcommand(1);
  auto* user_add = user_cmd->add_subcommand("add", "Add a user");
  std::string email, name, org_slug;
  std::vector<std::string> roles, teams;
  bool password_stdin = false;
  add_database_option(*user_add, database);
  user_add->add_option("--email", email, "E-mail address (the log-in name)")->required();
  user_add->add_option("--name", name, "Full name")->required();
  user_add
      ->add_option("--role", roles,
                   "Role; repeat for several (coach, team_manager, quality, "
                   "coordinator:<programme>, hr, director, funder, admin)")
      ->required();
  user_add->add_option("--team", teams, "Team name; repeat for several");
  user_add->add_option("--org", org_slug, "Organisation slug (needed when there are several)");
  user_add->add_flag("--password-stdin", password_stdin, "Read the password from standard input")->required();

  // org add
  auto* org_cmd = cli.add_subcommand("org", "Manage organisations");
  org_cmd->require_subcommand(1);
  auto* org_add = org_cmd->add_subcommand("add", "Add an organisation");
  std::string org_name, new_slug;
  std::vector<std::string> districts;
  add_database_option(*org_add, database);
  org_add->add_option("--name", org_name, "Name")->required();
  org_add->add_option("--slug", new_slug, "Short code, [a-z0-9_-]")->required();
  org_add->add_option("--district", districts, "District (stadsdeel); repeat for several");

  // backup
  auto* backup_cmd = cli.add_subcommand("backup", "Consistent copy of a (running) SQLite database");
  std::string backup_file;
  add_database_option(*backup_cmd, database);
  backup_cmd->add_option("FILE", backup_file, "Target file")->required();

  CLI11_PARSE(cli, argc, argv);
  setup_logging();
  try {
    wk::crypto::init_crypto();
    if (*serve_cmd) {
      options.port = static_cast<std::uint16_t>(port);
      options.threads = std::max(options.threads, 2);
      if (trust_proxy && options.trusted_proxies.empty()) options.trusted_proxies = {"127.0.0.0/8", "::1/128"};
      options.reserved_connections = std::min(options.reserved_connections, options.max_connections / 4);
      return serve(database, options, demo || demo_data, demo_data, web_root, config);
    }
    if (*migrate_cmd) {
      auto db = wk::store::open_database(database);  // applies what is pending
      std::cout << "Database is up to date.\n";
      db->close();
      return 0;
    }
    if (*user_add) {
      const std::string password = read_password_from_stdin();
      auto db = wk::store::open_database(database);
      wk::app::App app(*db, {});
      auto& organisations = app.organisations();
      const auto org_id = resolve_org(organisations, org_slug);
      auto user = organisations.add_user_as_system(org_id, {email, name, password, roles, {}}, teams, wk::now_millis());
      if (!user) {
        std::cerr << "wijkkader user add: " << describe(user.error()) << "\n";
        return 2;
      }
      std::cout << nlohmann::json{{"id", user->id}}.dump() << "\n";
      db->close();
      return 0;
    }
    if (*org_add) {
      auto db = wk::store::open_database(database);
      wk::app::App app(*db, {});  // the modules declare the lists a new organisation starts with
      auto org = app.organisations().create_organisation(org_name, new_slug, districts, wk::now_millis());
      if (!org) {
        std::cerr << "wijkkader org add: " << describe(org.error()) << "\n";
        return 2;
      }
      std::cout << nlohmann::json{{"id", org->id}, {"slug", org->slug}}.dump() << "\n";
      db->close();
      return 0;
    }
    if (*backup_cmd) {
      if (wk::store::is_postgres_url(database)) {
        std::cerr << "wijkkader backup: for PostgreSQL use pg_dump (see docs/operations.md)\n";
        return 2;
      }
      const std::string path = database.starts_with("sqlite:") ? database.substr(7) : database;
      if (!fs::exists(path)) {
        std::cerr << "wijkkader backup: no database at " << path << "\n";
        return 2;
      }
      wk::store::SqliteDatabase::backup(path, backup_file);
      std::cout << "Backup written to " << backup_file << "\n";
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "wijkkader: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
