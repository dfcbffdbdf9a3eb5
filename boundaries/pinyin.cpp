#include "boundaries/pinyin.hpp"

#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include <string_view>

#include "boundaries/name_key.hpp"
#include "geo/error.hpp"
#include "geo/shared_library.hpp"

namespace covermap::boundaries {
namespace {

// ICU opened on first use (geo/shared_library.hpp): with its 30 MB of data it took 4 ms of every covermap
// start, and only a join that meets a name it cannot match at once transliterates. Its C API, as its
// functions carry ICU's version in their names (utrans_openU_72): the header's macros give them.
struct Icu {
  geo::SharedLibrary library{COVERMAP_ICUI18N_SONAME};  // ICU's common library loads with it
  COVERMAP_LIBRARY_FUNCTION(library, utrans_openU);
  COVERMAP_LIBRARY_FUNCTION(library, utrans_close);
  COVERMAP_LIBRARY_FUNCTION(library, utrans_transUChars);
  COVERMAP_LIBRARY_FUNCTION(library, u_strFromUTF8WithSub);
  COVERMAP_LIBRARY_FUNCTION(library, u_strToUTF8);
  COVERMAP_LIBRARY_FUNCTION(library, u_errorName);
};

const Icu& icu() {
  static const Icu api;
  return api;
}

// ICU's conversions are called twice: for the length, then into a string of that length.
template <typename Char, typename Convert>
std::basic_string<Char> converted(const char* what, const Convert& convert) {
  UErrorCode status = U_ZERO_ERROR;
  std::int32_t length = 0;
  convert(nullptr, 0, &length, &status);
  std::basic_string<Char> out(static_cast<std::size_t>(length), Char{});
  status = U_ZERO_ERROR;
  convert(out.data(), length, &length, &status);
  if (U_FAILURE(status)) throw InternalError("icu", std::string(what) + ": " + icu().u_errorName(status));
  return out;
}

std::u16string to_utf16(std::string_view utf8) {
  const auto size = static_cast<std::int32_t>(utf8.size());
  return converted<char16_t>(
      "UTF-8 to UTF-16", [&](UChar* out, std::int32_t capacity, std::int32_t* length, UErrorCode* status) {
        // Malformed bytes become U+FFFD, as ICU's UnicodeString::fromUTF8 makes them.
        icu().u_strFromUTF8WithSub(out, capacity, length, utf8.data(), size, 0xFFFD, nullptr, status);
      });
}

std::string to_utf8(std::u16string_view text) {
  const auto size = static_cast<std::int32_t>(text.size());
  return converted<char>("UTF-16 to UTF-8",
                         [&](char* out, std::int32_t capacity, std::int32_t* length, UErrorCode* status) {
                           icu().u_strToUTF8(out, capacity, length, text.data(), size, status);
                         });
}

}  // namespace

struct Pinyin::Impl {
  struct Close {
    void operator()(UTransliterator* transliterator) const { icu().utrans_close(transliterator); }
  };
  std::unique_ptr<UTransliterator, Close> transliterator;
};

Pinyin::Pinyin() : impl_(std::make_unique<Impl>()) {
  const Icu& api = icu();
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  constexpr std::u16string_view kId = u"Han-Latin; Latin-ASCII";
  impl_->transliterator.reset(api.utrans_openU(kId.data(), static_cast<std::int32_t>(kId.size()),
                                               UTRANS_FORWARD, nullptr, 0, &where, &status));
  if (U_FAILURE(status) || !impl_->transliterator)
    throw InternalError("icu", std::string("no Han-Latin transliterator: ") + api.u_errorName(status));
}

Pinyin::~Pinyin() = default;

std::string Pinyin::key(const std::string& utf8) const {
  const std::u16string text = to_utf16(utf8);
  const auto length = static_cast<std::int32_t>(text.size());
  // Transliterated in place: a Han character becomes up to six letters and a space, so the buffer starts
  // roomy, and grows to the length ICU asks for when a name needs more.
  std::int32_t capacity = 2 * length + 16;
  for (;;) {
    std::u16string buffer(text);
    buffer.resize(static_cast<std::size_t>(capacity));
    std::int32_t result = length;
    std::int32_t limit = length;
    UErrorCode status = U_ZERO_ERROR;
    icu().utrans_transUChars(impl_->transliterator.get(), buffer.data(), &result, capacity, 0, &limit,
                             &status);
    if (status == U_BUFFER_OVERFLOW_ERROR && result > capacity) {
      capacity = result;
      continue;
    }
    if (U_FAILURE(status))
      throw InternalError("icu", std::string("transliterating: ") + icu().u_errorName(status));
    buffer.resize(static_cast<std::size_t>(result));
    return ascii_key(to_utf8(buffer));
  }
}

}  // namespace covermap::boundaries
