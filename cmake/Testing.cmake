# Test helpers: every test is a GoogleTest binary registered with ctest under a label
# (unit | integration | mount), so `ctest -L unit` runs the fast, hermetic ones only.
find_package(GTest REQUIRED)
enable_testing()
include(GoogleTest)

# stacfs_add_test(NAME LABEL label SOURCES a.cc ... LIBS lib ...)
function(stacfs_add_test name)
  cmake_parse_arguments(T "" "LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT T_LABEL)
    set(T_LABEL unit)
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main GTest::gmock)
  target_compile_definitions(${name} PRIVATE
    STACFS_SOURCE_DIR="${PROJECT_SOURCE_DIR}" STACFS_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gtest_discover_tests(${name}
    PROPERTIES LABELS ${T_LABEL} TIMEOUT ${T_TIMEOUT}
    DISCOVERY_TIMEOUT 30)
endfunction()
