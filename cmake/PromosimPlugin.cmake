# promosim_add_plugin(<name> KIND recommender|intent_model|pricing_policy SOURCES <src>...
#                     [LIBRARIES <lib>...])
# Builds a plugin as a MODULE library named <kind>_<name>.so in the plugin folder, with
# hidden visibility (only the manifest entry point is exported), the core's flags, and a
# contract test registered with CTest when tests are built.
set(PROMOSIM_PLUGIN_KINDS recommender intent_model pricing_policy)

function(promosim_add_plugin name)
  cmake_parse_arguments(ARG "" "KIND" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_KIND IN_LIST PROMOSIM_PLUGIN_KINDS)
    message(FATAL_ERROR "promosim_add_plugin(${name}): KIND must be one of ${PROMOSIM_PLUGIN_KINDS}, got '${ARG_KIND}'")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "promosim_add_plugin(${name}): SOURCES is empty")
  endif()
  set(target promosim_plugin_${ARG_KIND}_${name})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE promosim_sdk promosim_flags ${ARG_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME ${ARG_KIND}_${name}
    LIBRARY_OUTPUT_DIRECTORY ${PROMOSIM_PLUGIN_OUTPUT_DIR}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  set_property(GLOBAL APPEND PROPERTY PROMOSIM_PLUGIN_TARGETS ${target})
  if(TARGET promosim_contract_tests)
    add_test(NAME contract.${ARG_KIND}.${name}
             COMMAND promosim_contract_tests --plugin $<TARGET_FILE:${target}>)
  endif()
endfunction()
