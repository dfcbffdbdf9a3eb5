# shared_object_name(<out> <library file>): the SONAME recorded in a shared library (libgdal.so.32 for
# /usr/lib/x86_64-linux-gnu/libgdal.so), the name covermap opens it by at run time (geo/shared_library.hpp).
function(shared_object_name out library)
  execute_process(COMMAND ${CMAKE_OBJDUMP} -p ${library} OUTPUT_VARIABLE headers RESULT_VARIABLE failed)
  if(failed OR NOT headers MATCHES "SONAME +([^ \n]+)")
    message(FATAL_ERROR "no SONAME in ${library}: covermap opens it by that name at run time")
  endif()
  set(${out} ${CMAKE_MATCH_1} PARENT_SCOPE)
endfunction()

# The first file of a pkg-config module's link libraries whose name starts with `stem` (libnetcdf).
function(pkg_library_file out libraries stem)
  foreach(library IN LISTS libraries)
    get_filename_component(name ${library} NAME)
    if(name MATCHES "^${stem}\\.")
      set(${out} ${library} PARENT_SCOPE)
      return()
    endif()
  endforeach()
  message(FATAL_ERROR "no ${stem} among ${libraries}")
endfunction()
