# The LaTeX derivation must typeset: wrap gradflow-cli's fragment in align* and run pdflatex.
#   cmake -DCLI=<exe> -DPDFLATEX=<exe> -DWORK=<dir> -DARGS="derive|--preset|seed|--param|w_212" -P latex.cmake
if(NOT PDFLATEX)
  message(FATAL_ERROR "pdflatex not found, so the LaTeX derivation cannot be typeset. Install "
                      "texlive-latex-base (scripts/setup.sh does), then re-run cmake --preset.")
endif()
string(REPLACE "|" ";" ARGS "${ARGS}")
execute_process(COMMAND ${CLI} ${ARGS} --format latex RESULT_VARIABLE rc OUTPUT_VARIABLE frag ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gradflow-cli failed (${rc}): ${err}")
endif()
file(MAKE_DIRECTORY "${WORK}")
file(WRITE "${WORK}/derivation.tex"
"\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n\\begin{align*}\n${frag}\\end{align*}\n\\end{document}\n")
execute_process(COMMAND ${PDFLATEX} -interaction=nonstopmode -halt-on-error derivation.tex
                WORKING_DIRECTORY "${WORK}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pdflatex rejected the fragment:\n${frag}\n---\n${out}")
endif()
if(out MATCHES "Overfull|Undefined control sequence")
  message(STATUS "pdflatex warnings:\n${out}")
endif()
