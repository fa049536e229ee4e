# Compile flags shared by the core, the engine and every plugin. Plugins must use exactly
# these: mixed -march or Eigen alignment settings between a plugin and the host corrupt
# memory silently, which the manifest handshake can only partly detect.
add_library(promosim_flags INTERFACE)
target_compile_options(promosim_flags INTERFACE -Wall -Wextra -Wpedantic)
# GCC 12 reports a false -Wrestrict in libstdc++'s `const char* + std::string&&` at -O2 and
# above (GCC bug 105651, fixed in GCC 13); the pattern is idiomatic, so the warning is off.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(promosim_flags INTERFACE -Wno-restrict)
endif()
if(PROMOSIM_WERROR)
  target_compile_options(promosim_flags INTERFACE -Werror)
endif()
if(PROMOSIM_SANITIZE)
  target_compile_options(promosim_flags INTERFACE -fsanitize=${PROMOSIM_SANITIZE} -fno-omit-frame-pointer)
  target_link_options(promosim_flags INTERFACE -fsanitize=${PROMOSIM_SANITIZE})
endif()
