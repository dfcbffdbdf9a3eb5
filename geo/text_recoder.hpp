#pragma once
// Text of a source into UTF-8 (iconv), refusing what does not convert: a byte the encoding has no
// character for is an error naming the file and row, never dropped or passed on as raw bytes.
#include <iconv.h>

#include <optional>
#include <string>
#include <string_view>

#include "geo/error.hpp"

namespace covermap::geo {

class TextRecoder {
 public:
  // `named`: the encoding the map file names (GBK, BIG5, ...), or "" for text of unknown encoding: UTF-8
  // when it is valid UTF-8, else GB18030 (GBK's superset, what Chinese exports are written in);
  // `not_utf8`: the caller found the source as a whole is not UTF-8, so all of it is read as GB18030. Throws
  // InputError naming `source` for an encoding iconv does not know.
  TextRecoder(std::string named, const std::string& source, bool not_utf8 = false);
  ~TextRecoder();
  TextRecoder(const TextRecoder&) = delete;
  TextRecoder& operator=(const TextRecoder&) = delete;

  // The text in UTF-8, or nullopt when it is not valid in the encoding.
  std::optional<std::string> to_utf8(std::string_view text);

  // For the error when to_utf8 fails: "text is not valid GBK" and what to do about it.
  std::string failure() const;
  std::string failure_hint() const;

 private:
  std::string named_;
  bool not_utf8_;
  iconv_t converter_ = reinterpret_cast<iconv_t>(-1);  // NOLINT(performance-no-int-to-ptr): iconv's "none"
};

// The error for text of `source` that `recoder` could not convert: in the header when `row` is 0, else in
// that row (from 1 after the header) and, when not empty, that column.
InputError recoding_error(const std::string& source, long row, const std::string& column,
                          const TextRecoder& recoder);

}  // namespace covermap::geo
