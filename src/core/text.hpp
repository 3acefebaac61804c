// Rules for text that users type: names, e-mail addresses, free text. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wk::text {

// Trims ASCII white space at both ends.
std::string trim(std::string_view s);
std::string to_lower_ascii(std::string_view s);

// Text for HTML: & < > " ' as entities.
std::string escape_html(std::string_view s);

// Number of Unicode code points of valid UTF-8 (the input is already validated by the
// JSON parser).
std::size_t utf8_length(std::string_view s);

// The longest prefix of `s` that has at most `max_chars` code points: a cut that never
// splits a multi-byte character (a limit in characters, as users and Excel count them).
std::string_view utf8_prefix(std::string_view s, std::size_t max_chars);
// The longest prefix of `s` of at most `max_bytes` bytes that ends on a character
// boundary (a limit in bytes, for storage and messages).
std::string_view utf8_prefix_bytes(std::string_view s, std::size_t max_bytes);

bool has_control_characters(std::string_view s);  // C0 controls and DEL; tab/newline allowed when multiline
bool has_control_characters_multiline(std::string_view s);

// A pragmatic e-mail check: one @, a local part, a domain with a dot, no spaces.
bool is_plausible_email(std::string_view s);

// The Dutch citizen service number (BSN): 9 digits passing the 11-test
// (9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 mod 11, and not all zeros).
bool is_valid_bsn(std::string_view nine_digits);
// Finds a BSN in free text: a run of exactly 9 digits (optionally written with dots or
// spaces as 123.456.782 / 123 456 782) that passes the 11-test.
std::optional<std::string> find_bsn(std::string_view text);

// Personal data in free text (SPEC §3): the server warns about these, it does not refuse.
// An e-mail address: something@domain.tld inside the text.
bool contains_email(std::string_view text);
// A Dutch phone number: 10 digits starting with 0 (06-12345678, 053 123 45 67,
// (053) 1234567) or +31 / 0031 followed by 9 digits, with spaces, dashes, dots or
// parentheses between the digits.
bool contains_phone_number(std::string_view text);
// A Dutch postcode with a house number beside it, which together name an address:
// "Hengelosestraat 12, 7511 JA" or "7511JA 12" (four digits, the first not 0, and two
// capital letters other than SA, SD and SS; a number of 1-5 digits within 30 characters
// before or 10 after).
bool contains_address(std::string_view text);

// Where each of these is in the text, for a moderator who blacks them out: byte offsets
// [begin, end). `nine_digits` is any run of nine digits (a BSN with a typing error
// looks the same to a reader); a valid BSN is refused elsewhere (find_bsn).
enum class PersonalData { email, phone, address, nine_digits };
struct Finding {
  PersonalData kind;
  std::size_t begin, end;
};
std::vector<Finding> find_personal_data(std::string_view text);
const char* to_string(PersonalData kind);  // email, phone, address, nine_digits

// CBS neighbourhood codes: WK + 6 digits (wijk) or BU + 8 digits (buurt).
bool is_cbs_area_code(std::string_view code);

// Programme slug for coordinator roles and URLs: [a-z0-9_-]{1,40}.
bool is_slug(std::string_view s);

}  // namespace wk::text
