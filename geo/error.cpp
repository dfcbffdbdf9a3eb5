#include "geo/error.hpp"

namespace covermap {
namespace {
std::string compose(const std::string& where, const std::string& what, const std::string& hint) {
  std::string message = where.empty() ? what : where + ": " + what;
  if (!hint.empty()) message += " (" + hint + ")";
  return message;
}
}  // namespace

Error::Error(std::string where, std::string what, std::string hint)
    : std::runtime_error(compose(where, what, hint)),
      where_(std::move(where)),
      detail_(std::move(what)),
      hint_(std::move(hint)) {}

InputError input_error_at_row(const std::string& file, long row, const std::string& what,
                              const std::string& hint) {
  return InputError(file + ":" + std::to_string(row), what, hint);
}

}  // namespace covermap
