// Attached files and view counts.
#include <sodium.h>

#include "modules/audit/audit_log.hpp"
#include "modules/knowledge/item_view.hpp"

namespace wk::knowledge {

using nlohmann::json;
using store::Tx;
using namespace detail;

namespace {

constexpr std::size_t kMaxAttachments = 20;  // per item

std::string sha256_hex(const std::string& data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

json attachment_json(const repo::AttachmentRow& a) {
  return {{"id", a.id}, {"name", a.name}, {"content_type", a.content_type}, {"size", a.size}, {"sha256", a.sha256}};
}

Error unsupported(const std::string& message, const std::string& detail) {
  return {ErrorKind::unsupported_media_type, message, detail, {}, 0};
}

}  // namespace

Result<Attachment> Service::attach(const Principal& p, std::int64_t id, std::string_view name, std::string data,
                                   Millis now) {
  if (!may_read(p)) return Error::forbidden();
  const auto type = file_type_of(data);
  return db_.write([&](Tx& tx) -> Result<Attachment> {
    auto v = visible(tx, p, id);
    if (!v) return v.error();
    if (!v->editor) return Error::forbidden();
    if (v->row.status == "gearchiveerd") return archived();
    if (data.empty())
      return Error::validation({{"file", "Kies een bestand; dit bestand is leeg.", "the body is empty"}});
    if (!type)
      return unsupported("Voeg een PDF-, Word- (docx), Excel- (xlsx) of afbeeldingsbestand (png, jpg, gif, webp) toe.",
                         "The content is not a PDF, DOCX, XLSX, PNG, JPEG, GIF or WebP file.");
    const auto file_name = attachment_name(name, *type);
    if (!file_name)
      return unsupported(
          "De bestandsnaam past niet bij de inhoud: dit is een " + type->extensions.front() + "-bestand.",
          "The file name's extension does not match the content (" + type->content_type + ").");
    if (repo::attachments(tx, p.org_id, id).size() >= kMaxAttachments)
      return Error::conflict(Nl{"Een item heeft ten hoogste 20 bijlagen."}, En{"The item has 20 attachments already."});
    repo::AttachmentRow row;
    row.name = *file_name;
    row.content_type = type->content_type;
    row.sha256 = sha256_hex(data);
    row.size = static_cast<std::int64_t>(data.size());
    row.uploaded_by = p.user_id;
    row.uploaded_at = now;
    row.id = repo::insert_attachment(tx, p.org_id, id, row, data);
    audit::record(tx,
                  {p.org_id, p.user_id, "create", "knowledge_attachment", std::to_string(row.id), nullptr,
                   json{{"item_id", id}, {"file", attachment_json(row)}}},
                  now);
    return Attachment{row.id, row.name, row.content_type, row.size, People::load(tx, p.org_id).ref(p.user_id), now};
  });
}

Result<AttachmentFile> Service::attachment(const Principal& p, std::int64_t id, std::int64_t attachment_id) {
  if (!may_read(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) -> Result<AttachmentFile> {
    if (auto v = visible(tx, p, id); !v) return v.error();
    auto found = repo::find_attachment(tx, p.org_id, id, attachment_id);
    if (!found) return Error::not_found("No such attachment.");
    auto& [a, data] = *found;
    return AttachmentFile{{a.id, a.name, a.content_type, a.size, {a.uploaded_by, ""}, a.uploaded_at}, std::move(data)};
  });
}

Status Service::detach(const Principal& p, std::int64_t id, std::int64_t attachment_id, Millis now) {
  if (!may_read(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Status {
    auto v = visible(tx, p, id);
    if (!v) return v.error();
    if (!v->editor) return Error::forbidden();
    if (v->row.status == "gearchiveerd") return archived();
    auto found = repo::find_attachment(tx, p.org_id, id, attachment_id);
    if (!found) return Error::not_found("No such attachment.");
    repo::delete_attachment(tx, p.org_id, id, attachment_id);
    audit::record(tx,
                  {p.org_id, p.user_id, "delete", "knowledge_attachment", std::to_string(attachment_id),
                   json{{"item_id", id}, {"file", attachment_json(found->first)}}, nullptr},
                  now);
    return ok_status();
  });
}

Status Service::count_view(const Principal& p, std::int64_t id, Millis now) {
  if (!may_read(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Status {
    if (auto v = visible(tx, p, id); !v) return v.error();
    repo::add_view(tx, p.org_id, id, iso_date_utc(now).substr(0, 7));
    return ok_status();
  });
}

Result<MostConsulted> Service::most_consulted(const Principal& p, int year, const std::optional<std::string>& category,
                                              int limit) {
  if (!may_read(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) {
    MostConsulted out;
    out.year = year;
    const auto y = std::to_string(year);
    // Readers see the published items among them; quality staff all of them.
    const bool published_only = !may_review(p);
    out.items = repo::most_consulted(tx, p.org_id, y + "-01", y + "-12", category, published_only, limit);
    out.categories = repo::views_per_category(tx, p.org_id, y + "-01", y + "-12", published_only);
    for (const auto& [c, n] : out.categories) out.total += n;
    return out;
  });
}

}  // namespace wk::knowledge
