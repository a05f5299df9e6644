# moc without the compiler's system headers (issue 7, build time).
#
# AUTOMOC hands moc every include directory of a target, the compiler's own ones included
# (/usr/include, libstdc++'s, GCC's), and moc follows every #include it can resolve: each header
# of ours cost it ~530 files (libstdc++, nlohmann-json, OpenSSL, Qt), 0.6-0.9 s, and the ui
# target's 147 headers made its AUTOMOC step a 57 s wait before any ui file could compile.
# What moc takes from included files is only what Qt and our headers declare (QObject classes,
# Q_DECLARE_METATYPE, our macros): the system headers declare none of it. So moc runs through
# a wrapper (oidcplay-moc, generated below) that drops exactly the compiler's implicit include
# directories (CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES) and keeps the project's and Qt's:
# the 201 files moc generates in this build were byte for byte the same, at a third of
# the time. An #include moc cannot resolve is skipped silently (as before for unknown paths).
#
# oidcplay_moc_without_system_headers(<dir>) gives every AUTOMOC target defined in <dir> and
# below the wrapper; call it once, at the end of the top-level CMakeLists.txt.

include(OidcplayTargets)

function(_oidcplay_moc_wrapper out)
    get_target_property(OIDCPLAY_MOC_REAL Qt6::moc LOCATION)
    # Where Qt's own headers are found stays, even if it is one of the compiler's directories.
    set(qt_dirs "")
    foreach(module IN ITEMS Core Gui Widgets Network)
        get_target_property(dirs Qt6::${module} INTERFACE_INCLUDE_DIRECTORIES)
        list(APPEND qt_dirs ${dirs})
    endforeach()
    set(OIDCPLAY_MOC_DROP "")
    foreach(dir IN LISTS CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES)
        if(dir IN_LIST qt_dirs)
            continue()
        endif()
        if(OIDCPLAY_MOC_DROP)
            string(APPEND OIDCPLAY_MOC_DROP "|")
        endif()
        string(APPEND OIDCPLAY_MOC_DROP "\"-I${dir}\"")
    endforeach()
    if(NOT OIDCPLAY_MOC_DROP)
        set(OIDCPLAY_MOC_DROP "\"\"")   # nothing to drop: a pattern no argument matches
    endif()
    set(moc ${CMAKE_BINARY_DIR}/tools/oidcplay-moc)
    configure_file(${CMAKE_CURRENT_FUNCTION_LIST_DIR}/oidcplay-moc.in ${moc} @ONLY FILE_PERMISSIONS
        OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
    set(${out} ${moc} PARENT_SCOPE)
endfunction()

function(oidcplay_moc_without_system_headers dir)
    _oidcplay_moc_wrapper(moc)
    oidcplay_targets_under(${dir} targets)
    foreach(target IN LISTS targets)
        get_target_property(type ${target} TYPE)
        if(type STREQUAL "INTERFACE_LIBRARY" OR type STREQUAL "UTILITY")
            continue()
        endif()
        get_target_property(automoc ${target} AUTOMOC)
        if(automoc)
            set_target_properties(${target} PROPERTIES AUTOMOC_EXECUTABLE ${moc})
        endif()
    endforeach()
endfunction()
