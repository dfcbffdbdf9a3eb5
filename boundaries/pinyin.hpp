#pragma once
// Pinyin of Chinese names through ICU's "Han-Latin; Latin-ASCII" transliterator, as a key: letters only, no
// tones, no spaces ("积石山" -> "jishishan"). Polyphonic characters take ICU's most common reading, so a
// pinyin key can miss a name but does not make one up; it serves pinyin rows and suggestions, never a guess.
#include <memory>
#include <string>

namespace covermap::boundaries {

class Pinyin {
 public:
  Pinyin();  // throws InternalError when ICU has no Han-Latin transliterator
  ~Pinyin();
  Pinyin(const Pinyin&) = delete;
  Pinyin& operator=(const Pinyin&) = delete;

  std::string key(const std::string& utf8) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace covermap::boundaries
