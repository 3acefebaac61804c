#include "http/json_body.hpp"

#include "core/text.hpp"

namespace wk::http {

namespace {

// Builds the document as nlohmann's own DOM parser does, and keeps the path of the
// value being read (`lines[2].amount_cents`) so that a number that does not fit a
// double (`1e309`) is refused at its field instead of escaping as an exception.
class PathTrackingSax {
 public:
  using json = nlohmann::json;
  explicit PathTrackingSax(json& root) : dom_(root, false) {}

  bool null() { return scalar() && dom_.null(); }
  bool boolean(bool b) { return scalar() && dom_.boolean(b); }
  bool number_integer(json::number_integer_t n) { return scalar() && dom_.number_integer(n); }
  bool number_unsigned(json::number_unsigned_t n) { return scalar() && dom_.number_unsigned(n); }
  bool number_float(json::number_float_t n, const json::string_t& s) { return scalar() && dom_.number_float(n, s); }
  bool string(json::string_t& s) { return scalar() && dom_.string(s); }
  bool binary(json::binary_t& b) { return scalar() && dom_.binary(b); }
  bool start_object(std::size_t n) {
    element();
    frames_.push_back({false, {}, 0});
    return dom_.start_object(n);
  }
  bool key(json::string_t& k) {
    frames_.back().key = k;
    return dom_.key(k);
  }
  bool end_object() {
    frames_.pop_back();
    return dom_.end_object();
  }
  bool start_array(std::size_t n) {
    element();
    frames_.push_back({true, {}, 0});
    return dom_.start_array(n);
  }
  bool end_array() {
    frames_.pop_back();
    return dom_.end_array();
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
    error_id_ = e.id;
    error_path_ = path();
    error_message_ = e.what();
    return false;
  }

  int error_id() const { return error_id_; }
  const std::string& error_path() const { return error_path_; }
  const std::string& error_message() const { return error_message_; }

 private:
  struct Frame {
    bool array;
    std::string key;
    std::size_t begun;  // elements of an array begun so far
  };
  void element() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().begun;
  }
  bool scalar() {
    element();
    return true;
  }
  // The value being read when the parser stopped: the innermost array's element is
  // the one not yet begun, an outer array's is the one that holds the inner frames.
  std::string path() const {
    std::string out;
    for (std::size_t i = 0; i < frames_.size(); ++i) {
      const auto& f = frames_[i];
      if (f.array) {
        const auto index = i + 1 == frames_.size() ? f.begun : f.begun - 1;
        out += "[" + std::to_string(index) + "]";
      } else if (!f.key.empty()) {
        out += (out.empty() ? "" : ".") + f.key;
      }
    }
    return out;
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  std::vector<Frame> frames_;
  int error_id_ = 0;
  std::string error_path_;
  std::string error_message_;
};

constexpr int kNumberOverflow = 406;  // nlohmann's out_of_range.406: a number that does not fit

}  // namespace

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
  PathTrackingSax sax(body);
  if (!nlohmann::json::sax_parse(request.body, &sax, nlohmann::json::input_format_t::json, true)) {
    if (sax.error_id() == kNumberOverflow) {
      Error e = Error::bad_request(Nl{"Een getal is te groot."}, En{"A number is too large."});
      e.fields.push_back({sax.error_path(), "Dit getal is te groot.", "number is too large to read"});
      return e;
    }
    return Error::bad_request(Nl{"De gegevens konden niet worden gelezen (ongeldige JSON)."},
                              En{"Malformed JSON: " + sax.error_message()});
  }
  if (!body.is_object())
    return Error::bad_request(Nl{"De gegevens moeten een JSON-object zijn."}, En{"The body must be a JSON object."});
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
