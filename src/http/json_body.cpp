#include "http/json_body.hpp"

#include "core/text.hpp"

namespace wk::http {

Result<nlohmann::json> parse_json_object(const Request& request) {
  const auto ct = request.header("content-type");
  const std::string type = ct ? text::to_lower_ascii(ct->substr(0, ct->find(';'))) : "";
  if (text::trim(type) != "application/json")
    return Error{ErrorKind::unsupported_media_type,
                 "Dit soort inhoud wordt niet ondersteund; stuur JSON.",
                 "Content-Type must be application/json.",
                 {},
                 0};
  nlohmann::json body;
  try {
    body = nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::parse_error& e) {
    return Error::bad_request(std::string("Malformed JSON: ") + e.what(),
                              "De gegevens konden niet worden gelezen (ongeldige JSON).");
  }
  if (!body.is_object())
    return Error::bad_request("The body must be a JSON object.", "De gegevens moeten een JSON-object zijn.");
  return body;
}

namespace {
// nlohmann keeps non-negative integers as unsigned: fold both kinds into int64, or
// nullopt when the number does not fit.
std::optional<std::int64_t> as_int64(const nlohmann::json& v) {
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  return v.get<std::int64_t>();
}
}  // namespace

const nlohmann::json* FieldReader::get(const std::string& key, bool required) {
  seen_.insert(key);
  auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) {
    if (required) fail(key, "Dit veld is verplicht.", "is required");
    return nullptr;
  }
  return &*it;
}

void FieldReader::fail(std::string field, std::string title_nl, std::string detail_en) {
  errors_.push_back({std::move(field), std::move(title_nl), std::move(detail_en)});
}

std::optional<std::string> FieldReader::check_text(const std::string& field, const std::string& raw,
                                                   const TextRule& rule) {
  std::string value = rule.trim ? text::trim(raw) : raw;
  const auto length = text::utf8_length(value);
  if (rule.required && value.empty()) {
    fail(field, "Dit veld is verplicht.", "must not be empty");
    return std::nullopt;
  }
  if (length < rule.min) {
    fail(field, "Vul minstens " + std::to_string(rule.min) + " tekens in.",
         "must be at least " + std::to_string(rule.min) + " characters");
    return std::nullopt;
  }
  if (length > rule.max) {
    fail(field, "Gebruik hoogstens " + std::to_string(rule.max) + " tekens.",
         "must be at most " + std::to_string(rule.max) + " characters");
    return std::nullopt;
  }
  const bool bad = rule.multiline ? text::has_control_characters_multiline(value) : text::has_control_characters(value);
  if (bad) {
    fail(field, "Bevat ongeldige (onzichtbare) tekens.", "contains control characters");
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> FieldReader::text(const std::string& key, TextRule rule) {
  const auto* v = get(key, rule.required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(key, "Moet tekst zijn.", "must be a string");
    return std::nullopt;
  }
  return check_text(key, v->get<std::string>(), rule);
}

std::optional<std::int64_t> FieldReader::integer(const std::string& key, IntRule rule) {
  const auto* v = get(key, rule.required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    fail(key, "Moet een geheel getal zijn.", "must be an integer");
    return std::nullopt;
  }
  const auto n = as_int64(*v);
  if (!n || *n < rule.min || *n > rule.max) {
    fail(key, "Het getal valt buiten het toegestane bereik.",
         "must be between " + std::to_string(rule.min) + " and " + std::to_string(rule.max));
    return std::nullopt;
  }
  return *n;
}

std::optional<bool> FieldReader::boolean(const std::string& key, bool required) {
  const auto* v = get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    fail(key, "Moet waar of onwaar zijn.", "must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

const nlohmann::json* FieldReader::array(const std::string& key, std::size_t max_items, bool required) {
  const auto* v = get(key, required);
  if (!v) return nullptr;
  if (!v->is_array()) {
    fail(key, "Moet een lijst zijn.", "must be an array");
    return nullptr;
  }
  if (v->size() > max_items) {
    fail(key, "De lijst is te lang (hoogstens " + std::to_string(max_items) + ").",
         "must have at most " + std::to_string(max_items) + " items");
    return nullptr;
  }
  return v;
}

std::optional<std::vector<std::string>> FieldReader::text_list(const std::string& key, TextRule item,
                                                               std::size_t max_items, bool required) {
  const auto* v = array(key, max_items, required);
  if (!v) return std::nullopt;
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const std::string field = key + "[" + std::to_string(i) + "]";
    const auto& el = (*v)[i];
    if (!el.is_string()) {
      fail(field, "Moet tekst zijn.", "must be a string");
      ok = false;
      continue;
    }
    auto checked = check_text(field, el.get<std::string>(), item);
    if (checked)
      out.push_back(std::move(*checked));
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<std::int64_t>> FieldReader::id_list(const std::string& key, std::size_t max_items,
                                                              bool required) {
  const auto* v = array(key, max_items, required);
  if (!v) return std::nullopt;
  std::vector<std::int64_t> out;
  bool ok = true;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto id = (*v)[i].is_number_integer() ? as_int64((*v)[i]) : std::nullopt;
    if (!id || *id <= 0) {
      fail(key + "[" + std::to_string(i) + "]", "Moet een geldig nummer zijn.", "must be a positive integer id");
      ok = false;
      continue;
    }
    out.push_back(*id);
  }
  if (!ok) return std::nullopt;
  return out;
}

Status FieldReader::finish() {
  for (auto it = object_.begin(); it != object_.end(); ++it)
    if (!seen_.count(it.key())) fail(it.key(), "Onbekend veld.", "unknown field");
  if (errors_.empty()) return ok_status();
  return Error::validation(std::move(errors_));
}

}  // namespace wk::http
