# Sanitizer builds. TB_SANITIZE selects one:
#   address  AddressSanitizer + UndefinedBehaviorSanitizer (ON means the same)
#   thread   ThreadSanitizer
# Everything but the benchmarks is built instrumented: the driver, the
# simulator and every test program. Each test gets the environment below
# (tb_sanitizer_environment), so plain `ctest` in such a tree runs the suite
# with the repository's suppressions, and every report, from whichever
# process, lands in <build>/sanitizer-logs/ (scripts/test.sh fails when that
# folder is not empty after a run: a report in the simulator or in a client
# whose stderr a test swallows still counts).
set(TB_SANITIZE OFF CACHE STRING "OFF, address (ASan+UBSan; ON is the same) or thread (TSan)")
set(TB_SANITIZER_LOG_DIR ${CMAKE_BINARY_DIR}/sanitizer-logs)
set(TB_SANITIZER_SUPP_DIR ${PROJECT_SOURCE_DIR}/tests/sanitizers)
file(MAKE_DIRECTORY ${TB_SANITIZER_LOG_DIR})
set(TB_SANITIZER_ENV "")
set(TB_SANITIZER_FOREIGN_ENV "")

if(TB_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
  set(TB_SANITIZER_ENV
    "TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:log_path=${TB_SANITIZER_LOG_DIR}/tsan:suppressions=${TB_SANITIZER_SUPP_DIR}/tsan.supp")
  # The tests that start isql (FOREIGN below) get the same: under TSan their
  # isql cases are filtered out (tests/odbc/CMakeLists.txt), and without it
  # their reports went to stderr, unsuppressed and unseen by scripts/test.sh.
  set(TB_SANITIZER_FOREIGN_ENV ${TB_SANITIZER_ENV})
elseif(TB_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
  set(asan_common "log_path=${TB_SANITIZER_LOG_DIR}/asan:suppressions=${TB_SANITIZER_SUPP_DIR}/asan.supp")
  set(ubsan "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=${TB_SANITIZER_LOG_DIR}/ubsan:suppressions=${TB_SANITIZER_SUPP_DIR}/ubsan.supp")
  set(TB_SANITIZER_ENV
    "ASAN_OPTIONS=${asan_common}:detect_leaks=1"
    "LSAN_OPTIONS=suppressions=${TB_SANITIZER_SUPP_DIR}/lsan.supp"
    ${ubsan})
  # Clients that are not ours (isql, python3) get the compiler's ASan runtime
  # preloaded so that they can load the instrumented driver. Their own leaks
  # are not ours to judge (detect_leaks=0), and the runtime is not first in
  # their link order because it is preloaded (verify_asan_link_order=0).
  # They are C programs: libstdc++ is preloaded too, or ASan's __cxa_throw
  # interceptor finds no real __cxa_throw and aborts at the driver's first
  # exception (it resolves it once, before the driver brings libstdc++).
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libasan.so
    OUTPUT_VARIABLE TB_ASAN_RUNTIME OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libstdc++.so
    OUTPUT_VARIABLE TB_CXX_RUNTIME OUTPUT_STRIP_TRAILING_WHITESPACE)
  get_filename_component(TB_CXX_RUNTIME ${TB_CXX_RUNTIME} REALPATH)
  set(TB_SANITIZER_FOREIGN_ENV
    "LD_PRELOAD=${TB_ASAN_RUNTIME}:${TB_CXX_RUNTIME}"
    "ASAN_OPTIONS=${asan_common}:detect_leaks=0:verify_asan_link_order=0"
    ${ubsan})
endif()

# Gives the tests the sanitizer environment of this tree (nothing when the
# tree is not sanitized). FOREIGN: the tests run programs that are not built
# here and load the driver (isql, python3).
function(tb_sanitizer_environment)
  cmake_parse_arguments(arg "FOREIGN" "" "" ${ARGN})
  set(env ${TB_SANITIZER_ENV})
  if(arg_FOREIGN)
    set(env ${TB_SANITIZER_FOREIGN_ENV})
  endif()
  if(env)
    set_property(TEST ${arg_UNPARSED_ARGUMENTS} APPEND PROPERTY ENVIRONMENT ${env})
    # Instrumented Debug code runs several times slower: the pushdown corpus
    # took over 300 s under ASan on a loaded machine.
    set_property(TEST ${arg_UNPARSED_ARGUMENTS} PROPERTY TIMEOUT 900)
  endif()
endfunction()
