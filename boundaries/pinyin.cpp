#include "boundaries/pinyin.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "boundaries/name_key.hpp"
#include "geo/error.hpp"

namespace covermap::boundaries {

struct Pinyin::Impl {
  std::unique_ptr<icu::Transliterator> transliterator;
};

Pinyin::Pinyin() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->transliterator.reset(
      icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !impl_->transliterator)
    throw InternalError("icu", std::string("no Han-Latin transliterator: ") + u_errorName(status));
}

Pinyin::~Pinyin() = default;

std::string Pinyin::key(const std::string& utf8) const {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  impl_->transliterator->transliterate(text);
  std::string out;
  text.toUTF8String(out);
  return ascii_key(out);
}

}  // namespace covermap::boundaries
