# The GUI loads libcrypto on first use (cmake/OidcplayLazyLibrary.cmake):
#   cmake -D READELF=<readelf> -D APP=<oidcplay> -D STUBS=<generated stubs .cpp> -D WORK=<dir> -P LazyLibrary.cmake
# - the program does not NEED libcrypto (a function the stubs missed would have made the linker keep
#   it), and it has stubs;
# - the program still works through them: started with --measure-startup, its sandbox serves
#   (RSA and EC keys, random tokens: libcrypto, loaded after the first frame).
foreach(var READELF APP STUBS WORK)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "LazyLibrary: ${var} is not set")
    endif()
endforeach()

execute_process(COMMAND ${READELF} -d ${APP} OUTPUT_VARIABLE dynamic RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "LazyLibrary: ${READELF} -d ${APP} failed")
endif()
if(dynamic MATCHES "NEEDED[^\n]*libcrypto")
    message(FATAL_ERROR "LazyLibrary: ${APP} still NEEDs libcrypto: a function it calls has no stub")
endif()
file(STRINGS ${STUBS} stubs REGEX "^    jmp \\*oidcplay_lazy_")
list(LENGTH stubs jumps)
math(EXPR count "${jumps} / 2")
if(count LESS 20)
    message(FATAL_ERROR "LazyLibrary: ${STUBS} has ${count} stubs; expected the ~100 functions the core calls")
endif()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/home ${WORK}/runtime)
file(CHMOD ${WORK}/runtime DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
execute_process(COMMAND ${CMAKE_COMMAND} -E env HOME=${WORK}/home XDG_CONFIG_HOME=${WORK}/home/.config
        XDG_DATA_HOME=${WORK}/home/.local/share XDG_RUNTIME_DIR=${WORK}/runtime QT_QPA_PLATFORM=offscreen
        DBUS_SESSION_BUS_ADDRESS=disabled: ${APP} --measure-startup
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status TIMEOUT 60)
if(NOT status EQUAL 0 OR NOT out MATCHES "\"sandbox_ready_ms\": [0-9]")
    message(FATAL_ERROR "LazyLibrary: ${APP} --measure-startup (status ${status}) did not report a serving sandbox:\n${out}\n${err}")
endif()
string(REGEX MATCH "\\{[^\n]*\\}" report "${out}")
message(STATUS "LazyLibrary: no NEEDED libcrypto, ${count} stubs; ${report}")
