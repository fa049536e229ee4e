# promosim_embed_report_assets(<target>)
# Embeds the HTML report's front end into <target> at build time, so that `promosim report`
# writes a self-contained file without reading anything at run time: the page template and
# report.js from sim/report/, and the minified Vega, Vega-Lite and vega-embed builds that
# `npm ci --prefix sim/report` installs from sim/report/package-lock.json.
#
# Each JavaScript file is first copied into the build tree by prepare_report_script.cmake,
# which drops its source-map comment (a browser would try to fetch the map) and refuses a
# file that could end its inline <script> block early. A generated source then pulls the
# copies and the template in with the assembler's .incbin, the robust way to embed large
# files with GCC 12 (no #embed; a megabyte-long array initialiser is slow to compile). The
# compiler's dependency scan does not see .incbin, so the object's dependencies on the files
# are declared explicitly (OBJECT_DEPENDS): changing report.js, the template or
# node_modules rebuilds the object.
#
# Must be called from the directory that defines <target> (custom commands attach to
# targets of their own directory).
function(promosim_embed_report_assets target)
  set(report_dir ${PROJECT_SOURCE_DIR}/sim/report)
  set(modules ${report_dir}/node_modules)
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/report_assets)

  # Pairs: the name in the generated source, the file.
  set(scripts
    report_js ${report_dir}/report.js
    vega ${modules}/vega/build/vega.min.js
    vega_lite ${modules}/vega-lite/build/vega-lite.min.js
    vega_embed ${modules}/vega-embed/build/vega-embed.min.js)
  set(template ${report_dir}/report_template.html)

  # A leading space keeps CMake from re-wrapping the message: it stays one line.
  set(missing "")
  foreach(package IN ITEMS vega vega-lite vega-embed)
    if(NOT EXISTS ${modules}/${package}/build/${package}.min.js)
      list(APPEND missing ${package})
    endif()
  endforeach()
  if(missing)
    list(JOIN missing ", " missing_text)
    message(FATAL_ERROR " The HTML report's npm packages are missing from sim/report/node_modules (${missing_text}): run `bash scripts/setup.sh` or `npm ci --prefix sim/report`.")
  endif()

  # The template is embedded as it is; each script from its prepared copy.
  set(embeds html_template ${template})
  set(embedded ${template})
  list(LENGTH scripts count)
  math(EXPR last "${count} - 1")
  foreach(index RANGE 0 ${last} 2)
    math(EXPR file_index "${index} + 1")
    list(GET scripts ${index} name)
    list(GET scripts ${file_index} file)
    get_filename_component(file_name ${file} NAME)
    set(prepared ${out_dir}/${file_name})
    add_custom_command(
      OUTPUT ${prepared}
      COMMAND ${CMAKE_COMMAND} -DINPUT=${file} -DOUTPUT=${prepared}
              -P ${PROJECT_SOURCE_DIR}/cmake/prepare_report_script.cmake
      DEPENDS ${file} ${PROJECT_SOURCE_DIR}/cmake/prepare_report_script.cmake
      COMMENT "Preparing ${file_name} for the HTML report"
      VERBATIM)
    list(APPEND embeds ${name} ${prepared})
    list(APPEND embedded ${prepared})
  endforeach()

  # One block per file: hidden global begin/end symbols around the file's bytes and a NUL
  # after them. The assembler reads the path inside a quoted string: escape what would end it.
  set(PROMOSIM_REPORT_INCBIN "")
  list(LENGTH embeds count)
  math(EXPR last "${count} - 1")
  foreach(index RANGE 0 ${last} 2)
    math(EXPR path_index "${index} + 1")
    list(GET embeds ${index} name)
    list(GET embeds ${path_index} path)
    string(REPLACE "\\" "\\\\" path "${path}")
    string(REPLACE "\"" "\\\"" path "${path}")
    string(APPEND PROMOSIM_REPORT_INCBIN
      "    .globl promosim_report_${name}_begin\n"
      "    .hidden promosim_report_${name}_begin\n"
      "    .globl promosim_report_${name}_end\n"
      "    .hidden promosim_report_${name}_end\n"
      "    .balign 16\n"
      "promosim_report_${name}_begin:\n"
      "    .incbin \"${path}\"\n"
      "promosim_report_${name}_end:\n"
      "    .byte 0\n")
  endforeach()
  set(generated ${out_dir}/report_assets.cpp)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/report_assets.cpp.in ${generated} @ONLY)

  # The prepared scripts are sources too, which attaches their custom commands to the target.
  target_sources(${target} PRIVATE ${generated} ${embedded})
  set_source_files_properties(${generated} PROPERTIES OBJECT_DEPENDS "${embedded}")
endfunction()
