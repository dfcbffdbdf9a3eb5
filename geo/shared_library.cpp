#include "geo/shared_library.hpp"

#include <dlfcn.h>

#include "geo/error.hpp"

namespace covermap::geo {
namespace {

std::string last_dl_error() {
  const char* message = dlerror();
  return message ? message : "unknown reason";
}

}  // namespace

void SharedLibrary::Closer::operator()(void* handle) const {
  dlclose(handle);
}

// Local: the library's symbols do not join the global scope, where they could stand in for another's.
// NODELETE: a library stays mapped after its handle closes at exit, so no code or destructor of GDAL's can
// run on unmapped memory while other threads and atexit handlers finish.
SharedLibrary::SharedLibrary(std::string soname)
    : soname_(std::move(soname)), handle_(dlopen(soname_.c_str(), RTLD_LAZY | RTLD_LOCAL | RTLD_NODELETE)) {
  if (!handle_)
    throw InternalError(
        soname_, "cannot be loaded: " + last_dl_error(),
        "reinstall it (scripts/install-deps.sh) or rebuild covermap against the installed one");
}

void* SharedLibrary::address(const char* name) const {
  dlerror();
  void* found = dlsym(handle_.get(), name);
  if (!found) throw InternalError(soname_, std::string("has no function ") + name + ": " + last_dl_error());
  return found;
}

}  // namespace covermap::geo
