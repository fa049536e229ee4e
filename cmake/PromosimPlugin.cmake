# promosim_add_plugin(<name> KIND recommender|intent_model|pricing_policy SOURCES <src>...
#                     [MODEL_SOURCES <src>...] [LIBRARIES <lib>...])
# Builds a plugin as a MODULE library named <kind>_<name>.so in the plugin folder, with
# hidden visibility (only the manifest entry point is exported), the core's flags, and a
# contract test registered with CTest when tests are built.
# MODEL_SOURCES hold the plugin's maths apart from its SDK glue: they become a static
# library (same flags and visibility) linked into the plugin and into the unit tests and
# benchmarks, which include its headers from the plugin's folder.
set(PROMOSIM_PLUGIN_KINDS recommender intent_model pricing_policy)

function(promosim_add_plugin name)
  cmake_parse_arguments(ARG "" "KIND" "SOURCES;MODEL_SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_KIND IN_LIST PROMOSIM_PLUGIN_KINDS)
    message(FATAL_ERROR "promosim_add_plugin(${name}): KIND must be one of ${PROMOSIM_PLUGIN_KINDS}, got '${ARG_KIND}'")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "promosim_add_plugin(${name}): SOURCES is empty")
  endif()
  set(target promosim_plugin_${ARG_KIND}_${name})
  set(hidden CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  add_library(${target} MODULE ${ARG_SOURCES})
  if(ARG_MODEL_SOURCES)
    add_library(${target}_model STATIC ${ARG_MODEL_SOURCES})
    target_include_directories(${target}_model PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
    target_link_libraries(${target}_model PUBLIC promosim_sdk ${ARG_LIBRARIES} PRIVATE promosim_flags)
    set_target_properties(${target}_model PROPERTIES ${hidden})
    target_link_libraries(${target} PRIVATE ${target}_model)
    set_property(GLOBAL APPEND PROPERTY PROMOSIM_PLUGIN_MODEL_TARGETS ${target}_model)
  endif()
  target_link_libraries(${target} PRIVATE promosim_sdk promosim_flags ${ARG_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME ${ARG_KIND}_${name}
    LIBRARY_OUTPUT_DIRECTORY ${PROMOSIM_PLUGIN_OUTPUT_DIR}
    ${hidden})
  set_property(GLOBAL APPEND PROPERTY PROMOSIM_PLUGIN_TARGETS ${target})
  if(TARGET promosim_contract_tests)
    add_test(NAME contract.${ARG_KIND}.${name}
             COMMAND promosim_contract_tests --plugin $<TARGET_FILE:${target}>)
  endif()
endfunction()
