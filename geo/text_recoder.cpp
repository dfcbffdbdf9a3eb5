#include "geo/text_recoder.hpp"

#include <cerrno>

#include "geo/error.hpp"
#include "geo/utf8.hpp"

namespace covermap::geo {
namespace {

const iconv_t kNoConverter = reinterpret_cast<iconv_t>(-1);
constexpr const char* kFallback = "GB18030";

bool is_ascii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

}  // namespace

TextRecoder::TextRecoder(std::string named, const std::string& source, bool not_utf8)
    : named_(std::move(named)), not_utf8_(not_utf8 && named_.empty()) {
  converter_ = iconv_open("UTF-8", named_.empty() ? kFallback : named_.c_str());
  if (converter_ == kNoConverter)
    throw InputError(source, "unknown encoding '" + named_ + "'",
                     "name one iconv knows, e.g. GBK, GB18030, BIG5, UTF-8 (iconv --list shows them all)");
}

TextRecoder::~TextRecoder() {
  if (converter_ != kNoConverter) iconv_close(converter_);
}

std::optional<std::string> TextRecoder::to_utf8(std::string_view text) {
  // Every encoding a coverage table comes in is ASCII-compatible: ASCII needs no conversion.
  if (is_ascii(text)) return std::string(text);
  if (named_.empty() && !not_utf8_ && utf8::is_valid(text)) return std::string(text);
  iconv(converter_, nullptr, nullptr, nullptr, nullptr);  // a fresh shift state
  std::string out(text.size() * 4 + 4, '\0');
  char* in_at = const_cast<char*>(text.data());  // iconv's signature; the input is not written
  std::size_t in_left = text.size();
  char* out_at = out.data();
  std::size_t out_left = out.size();
  // Any stop (an invalid or cut-short sequence) is a failure: the text must convert whole.
  if (iconv(converter_, &in_at, &in_left, &out_at, &out_left) == static_cast<std::size_t>(-1) || in_left)
    return std::nullopt;
  out.resize(out.size() - out_left);
  if (!utf8::is_valid(out)) return std::nullopt;
  return out;
}

std::string TextRecoder::failure() const {
  return named_.empty() ? std::string("text is neither UTF-8 nor ") + kFallback
                        : "text is not valid " + named_;
}

std::string TextRecoder::failure_hint() const {
  return named_.empty()
             ? "name the file's encoding in the map file (encoding: BIG5, for one), or save it as UTF-8"
             : "check the encoding: the map file names for it, or save the file as UTF-8";
}

InputError recoding_error(const std::string& source, long row, const std::string& column,
                          const TextRecoder& recoder) {
  const std::string what = (row == 0         ? "header: "
                            : column.empty() ? ""
                                             : "column '" + column + "': ") +
                           recoder.failure();
  return row == 0 ? InputError(source, what, recoder.failure_hint())
                  : input_error_at_row(source, row, what, recoder.failure_hint());
}

}  // namespace covermap::geo
