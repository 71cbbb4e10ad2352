# gradflow_warnings(target): the warning set our own code builds with (third-party code does not).
function(gradflow_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
endfunction()
