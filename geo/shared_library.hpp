#pragma once
// A system library opened on first use (dlopen) rather than when covermap starts. GDAL and the ~50 libraries
// under it (PROJ, netCDF, HDF5, curl, ...) take 50-65 ms to map and relocate: more than half of what a tile
// run from a warm boundary cache takes before its first tile, paid by every run that never reads a file with
// them. GDAL, PROJ and netCDF are reached through their C APIs, each function looked up once.
#include <memory>
#include <string>

namespace covermap::geo {

class SharedLibrary {
 public:
  // Opens the library `soname` (e.g. "libgdal.so.32"), kept loaded until the process ends. InternalError
  // naming it when it cannot be loaded (its package removed since covermap was built).
  explicit SharedLibrary(std::string soname);

  // The function `name` of the library or of one it depends on, as a pointer of type F (the function's own
  // declared type: `decltype(::GDALOpenEx)`). InternalError naming both when it is absent.
  template <typename F>
  F* function(const char* name) const {
    return reinterpret_cast<F*>(address(name));
  }

 private:
  void* address(const char* name) const;

  struct Closer {
    void operator()(void* handle) const;
  };
  std::string soname_;
  std::unique_ptr<void, Closer> handle_;
};

}  // namespace covermap::geo

// A member of a table of C functions, named and typed as the library's header declares it, looked up in
// `library` (a SharedLibrary member declared before it): `COVERMAP_LIBRARY_FUNCTION(gdal, GDALOpenEx);`.
// A macro because the function's name is needed both as a name and as text (which is also why `name` cannot
// be parenthesized). The text is of the name as the header's macros leave it: ICU's utrans_openU is the
// symbol utrans_openU_72.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define COVERMAP_LIBRARY_FUNCTION(library, name) \
  decltype(&::name) name = (library).function<decltype(::name)>(COVERMAP_EXPANDED_TEXT(name))
#define COVERMAP_EXPANDED_TEXT(name) COVERMAP_TEXT(name)
#define COVERMAP_TEXT(name) #name
// NOLINTEND(bugprone-macro-parentheses)
