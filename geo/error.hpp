#pragma once
// Typed exceptions carrying the file, row or feature a failure is about. Library code throws these; only app/
// catches them and turns them into the one-line message and exit code of the user contract.
#include <optional>
#include <stdexcept>
#include <string>

namespace covermap {

// Base of every covermap error. `where` is a file (optionally with ":row") or a subsystem name.
class Error : public std::runtime_error {
 public:
  Error(std::string where, std::string what, std::string hint = {});
  const std::string& where() const { return where_; }
  const std::string& detail() const { return detail_; }
  const std::string& hint() const { return hint_; }

 private:
  std::string where_;
  std::string detail_;
  std::string hint_;
};

// Anything the user can fix: a missing file, an unknown column, a bad value, an output that cannot be written
// (a full disk, a read-only folder: with the OS's reason). Exit code 2.
class InputError : public Error {
 public:
  using Error::Error;
};

// The command line asks for something covermap will not do as asked: a malformed option, or a job so large
// it needs confirming (--yes). Exit code 1.
class UsageError : public Error {
 public:
  using Error::Error;
};

// A row or feature of an input is wrong; `row` counts from 1 after the header.
InputError input_error_at_row(const std::string& file, long row, const std::string& what,
                              const std::string& hint = {});

// "a, b, c": the names an error hint lists (columns, layers, keys).
template <typename Names>
std::string comma_list(const Names& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + std::string(name);
  return text;
}

// Something failed that the user could not have caused: covermap's own bug, or a library call that should not
// fail. Exit code 3.
class InternalError : public Error {
 public:
  using Error::Error;
};

}  // namespace covermap
