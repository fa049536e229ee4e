# cmake -DINPUT=<file.js> -DOUTPUT=<copy.js> -P prepare_report_script.cmake
# Copies a script that the HTML report inlines in a <script> element, ready to be inlined:
# - the trailing `//# sourceMappingURL=…` comment is dropped, since the map is not shipped
#   and a browser's developer tools would try to fetch it;
# - a file containing `</script`, `<script` or `<!--` (any case) is refused: inside a
#   <script> element the HTML parser would end the element there, or enter its escaped
#   states, whatever the JavaScript means. Checking at build time keeps the C++ side a plain
#   substitution.
if(NOT DEFINED INPUT OR NOT DEFINED OUTPUT)
  message(FATAL_ERROR "usage: cmake -DINPUT=<file.js> -DOUTPUT=<copy.js> -P prepare_report_script.cmake")
endif()
file(READ "${INPUT}" content)

string(FIND "${content}" "//# sourceMappingURL=" map_comment REVERSE)
if(NOT map_comment EQUAL -1)
  string(SUBSTRING "${content}" ${map_comment} -1 tail)
  string(FIND "${tail}" "\n" tail_newline)
  string(LENGTH "${tail}" tail_length)
  math(EXPR last_byte "${tail_length} - 1")
  # Only a comment on the file's last line is the build's own; anything after it is kept.
  if(tail_newline EQUAL -1 OR tail_newline EQUAL last_byte)
    string(SUBSTRING "${content}" 0 ${map_comment} content)
  endif()
endif()

string(TOLOWER "${content}" lowered)
foreach(sequence IN ITEMS "</script" "<script" "<!--")
  string(FIND "${lowered}" "${sequence}" found)
  if(NOT found EQUAL -1)
    message(FATAL_ERROR "${INPUT} contains \"${sequence}\" (at byte ${found}), which would break the HTML report's inline <script> block; escape it in the script (e.g. \"<\\/script\")")
  endif()
endforeach()

file(WRITE "${OUTPUT}.tmp" "${content}")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
