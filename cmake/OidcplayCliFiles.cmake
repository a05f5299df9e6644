# What the package takes from the built oidcplay-cli: its bash, zsh and fish completions
# (`oidcplay-cli completions SHELL`, from the CLI's command tables) and the manual pages, whose
# command lists are the ones the CLI prints for `--help` and `descope --help`; the pages are
# compressed with gzip -9n as Debian wants them. Run by cmake/Packaging.cmake as
#   cmake -DCLI=… -DSOURCE_DIR=… -DOUTPUT_DIR=… -DPROJECT_VERSION=… -P OidcplayCliFiles.cmake

# A line of summary text as roff: options' dashes are minus signs, and no line starts a request.
function(oidcplay_man_text text out_var)
    string(REGEX REPLACE "(^| )--" "\\1\\\\-\\\\-" text "${text}")
    string(REGEX REPLACE "^([.'])" "\\\\&\\1" text "${text}")
    set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# The "  NAME [a|b|c]   summary" lines of a usage text's "Commands:" block (a summary may go on,
# indented further, on the next lines) as roff paragraphs.
function(oidcplay_man_commands cli_arguments out_var)
    execute_process(COMMAND "${CLI}" ${cli_arguments} OUTPUT_VARIABLE usage RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "${CLI} ${cli_arguments} failed (${result})")
    endif()
    string(REGEX MATCH "Commands:\n(.*)" block "${usage}")
    string(REGEX REPLACE "\n\n.*" "" block "${CMAKE_MATCH_1}")
    string(REPLACE "\\" "\\e" block "${block}")
    # Split into lines without letting a ; or [ in a summary act on the list.
    string(ASCII 26 substitute)
    string(REPLACE ";" "${substitute}" block "${block}")
    string(REPLACE "[" "\\(lB" block "${block}")
    string(REPLACE "]" "\\(rB" block "${block}")
    string(REPLACE "\n" ";" lines "${block}")
    set(roff "")
    foreach(line IN LISTS lines)
        string(REPLACE "${substitute}" ";" line "${line}")
        if(line MATCHES "^  ([a-z0-9-]+)( [a-z0-9-]+(\\|[a-z0-9-]+)+)? *(.*)$")
            # A command, its subcommands as alternatives if it has any, then its summary.
            string(REPLACE "-" "\\-" words "${CMAKE_MATCH_1}${CMAKE_MATCH_2}")
            string(APPEND roff ".TP\n.B ${words}\n")
            if(NOT CMAKE_MATCH_4 STREQUAL "")
                oidcplay_man_text("${CMAKE_MATCH_4}" summary)
                string(APPEND roff "${summary}\n")
            endif()
        elseif(line MATCHES "^   +([^ ].*)$" AND NOT roff STREQUAL "")
            oidcplay_man_text("${CMAKE_MATCH_1}" continued)
            string(APPEND roff "${continued}\n")
        else()
            message(FATAL_ERROR "${CLI} ${cli_arguments}: unexpected line in Commands: \"${line}\"")
        endif()
    endforeach()
    string(REGEX REPLACE "\n$" "" roff "${roff}")
    set(${out_var} "${roff}" PARENT_SCOPE)
endfunction()

file(MAKE_DIRECTORY "${OUTPUT_DIR}")
foreach(shell_file IN ITEMS "bash;oidcplay-cli.bash" "zsh;_oidcplay-cli" "fish;oidcplay-cli.fish")
    list(GET shell_file 0 shell)
    list(GET shell_file 1 name)
    execute_process(COMMAND "${CLI}" completions ${shell} OUTPUT_FILE "${OUTPUT_DIR}/${name}" COMMAND_ERROR_IS_FATAL ANY)
endforeach()

oidcplay_man_commands("--help" OIDCPLAY_COMMANDS)
oidcplay_man_commands("descope;--help" OIDCPLAY_DESCOPE_COMMANDS)
configure_file("${SOURCE_DIR}/docs/oidcplay-cli.1.in" "${OUTPUT_DIR}/oidcplay-cli.1" @ONLY)
configure_file("${SOURCE_DIR}/docs/oidcplay.1" "${OUTPUT_DIR}/oidcplay.1" COPYONLY)
execute_process(COMMAND gzip -9nf "${OUTPUT_DIR}/oidcplay-cli.1" "${OUTPUT_DIR}/oidcplay.1" COMMAND_ERROR_IS_FATAL ANY)
