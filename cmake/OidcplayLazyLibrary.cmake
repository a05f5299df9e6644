# A shared library a program loads on first use, not at start-up (issue 7, start-up).
#
#   oidcplay_lazy_library(<program> <imported library target> ARCHIVES <static library target>…)
#
# The dynamic loader maps and relocates every NEEDED library before main(): libcrypto alone cost
# the GUI's start-up 122 page faults and 2-3 ms (an empty program linking it against one that does
# not, 200 runs each), and the GUI calls none of it before its first frame (the sandbox's keys come
# after). Here the program gets a stub for each function of the library that the archives call
# (cmake/OidcplayLazyStubs.cmake writes them at build time from `nm` of both); the first call of
# any of them loads the library (dlopen) and binds them all. The program links with --as-needed,
# so the library, now unused at link time, is no longer NEEDED. A function the list misses would
# make the linker keep the library NEEDED: tests/build checks that it is not.
# x86-64 Linux with an ELF toolchain only (OIDCPLAY_LAZY_CRYPTO turns it off).
function(oidcplay_lazy_library program library)
    cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "ARCHIVES")
    get_target_property(location ${library} IMPORTED_LOCATION)
    if(NOT location)
        get_target_property(location ${library} IMPORTED_LOCATION_RELEASE)
    endif()
    file(REAL_PATH "${location}" location)   # libcrypto.so -> libcrypto.so.3, the name to load
    string(MAKE_C_IDENTIFIER "${library}" id)
    set(out ${CMAKE_CURRENT_BINARY_DIR}/${program}_lazy_${id}.cpp)
    set(archives "")
    foreach(archive IN LISTS arg_ARCHIVES)
        list(APPEND archives $<TARGET_FILE:${archive}>)
    endforeach()
    add_custom_command(OUTPUT ${out}
        COMMAND ${CMAKE_COMMAND} -D NM=${CMAKE_NM} -D LIBRARY=${location} -D ID=${id} -D OUT=${out}
            -D "ARCHIVES=${archives}" -P ${PROJECT_SOURCE_DIR}/cmake/OidcplayLazyStubs.cmake
        DEPENDS ${arg_ARCHIVES} ${PROJECT_SOURCE_DIR}/cmake/OidcplayLazyStubs.cmake
        COMMENT "Lazy-loading stubs of ${library} for ${program}"
        VERBATIM)
    target_sources(${program} PRIVATE ${out})
    set_property(GLOBAL PROPERTY OIDCPLAY_LAZY_STUBS_${program} ${out})   # for tests/build
    set_source_files_properties(${out} PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON SKIP_AUTOGEN ON)
    target_link_libraries(${program} PRIVATE ${CMAKE_DL_LIBS})
    # Libraries after this that the program does not call are not NEEDED (the library above, now).
    target_link_options(${program} PRIVATE "LINKER:--as-needed")
endfunction()
