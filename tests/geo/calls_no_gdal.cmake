# The native CSV reader must reach no GDAL function, whether it calls one itself or calls code that does. GDAL
# is loaded on first use, and a run whose only table is a CSV must not load it. Run by ctest:
#   cmake -DNM=nm "-DOBJECTS=a.o|b.o|..." -DSTART=csv_table.cpp.o -P calls_no_gdal.cmake
# From the object named START, follows every symbol it leaves undefined to the object among OBJECTS (covermap_geo's)
# that defines it. None of the objects reached may refer to a symbol of GDAL, OGR or CPL.
cmake_minimum_required(VERSION 3.25)
string(REPLACE "|" ";" objects "${OBJECTS}")

function(symbols_of object kind out)
  execute_process(COMMAND ${NM} ${kind} ${object} OUTPUT_VARIABLE listing RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "${NM} ${kind} ${object} failed")
  endif()
  string(REGEX MATCHALL "[^\n]+" lines "${listing}")
  set(symbols "")
  foreach(line IN LISTS lines)
    # "<address> T name" or "U name": the name is the last field (mangled names hold no space).
    if(line MATCHES "([^ ]+)$")
      list(APPEND symbols "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  set(${out} "${symbols}" PARENT_SCOPE)
endfunction()

# Which object defines each symbol (weak definitions of inline functions aside: every user has its own).
foreach(object IN LISTS objects)
  execute_process(COMMAND ${NM} --defined-only ${object} OUTPUT_VARIABLE listing)
  string(REGEX MATCHALL "[^\n]+" lines "${listing}")
  foreach(line IN LISTS lines)
    if(line MATCHES " [TDBR] ([^ ]+)$")
      set("defined_in_${CMAKE_MATCH_1}" "${object}")
    endif()
  endforeach()
endforeach()

set(start "")
foreach(object IN LISTS objects)
  if(object MATCHES "/${START}$")
    set(start "${object}")
  endif()
endforeach()
if(NOT start)
  message(FATAL_ERROR "no object ${START} among ${OBJECTS}")
endif()

set(reached "${start}")
set(pending "${start}")
while(pending)
  list(POP_FRONT pending object)
  symbols_of(${object} --undefined-only undefined)
  foreach(symbol IN LISTS undefined)
    # GDAL's C functions (GDALOpen, CPLError, VSIFOpenL, CSLDestroy, OGR_G_..., OSR...) and its C++ classes,
    # whose mangled names hold their length-prefixed names (10OGRFeature, 11GDALDataset, 9CPLString); and
    # covermap's way to them, the library opened on first use: geo::gdal::api() (_ZN8covermap3geo4gdal3apiEv)
    # and any geo::SharedLibrary.
    if(symbol MATCHES "(^|[0-9])(GDAL|OGR|CPL|VSI|CSL|OSR|OCT)|4gdal3apiEv|13SharedLibrary")
      get_filename_component(name ${object} NAME)
      message(FATAL_ERROR "${name}, reached from ${START}, calls GDAL: ${symbol}")
    endif()
    set(definer "${defined_in_${symbol}}")
    if(definer AND NOT definer IN_LIST reached)
      list(APPEND reached "${definer}")
      list(APPEND pending "${definer}")
    endif()
  endforeach()
endwhile()

list(TRANSFORM reached REPLACE ".*/" "")
list(JOIN reached ", " reached)
message(STATUS "${START} reaches ${reached}: none calls GDAL")
