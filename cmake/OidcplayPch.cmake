# Precompiled headers (issue 7, build time).
#
# Most of a unity batch's front end is the same headers (Qt, nlohmann-json, the standard library,
# GoogleTest or Qt Test), parsed again in each of the ~100 batches. With clang a precompiled header
# loads lazily and brings its template instantiations along (-fpch-instantiate-templates, which
# CMake passes): a test batch compiles ~30 % faster with one. (With GCC, whose headers are large
# and loaded whole, unity batches alone were faster: precompiled headers are for clang only.)
#
# Each *kind* of target shares one header, compiled once by a small owner library; its users load
# it (-include-pch; a user's depfile names the header's files, so a change to one rebuilds it).
# A kind is what clang must find the same in a header and its users: the options and the defines
# the headers see. A user may define more (its own QT_*_LIB, QT_TESTCASE_BUILDDIR): clang adds
# those after the header; a conflicting value or another -O level is a compile error, never a
# silently different object.
#
#   kind = core | widgets (links Qt6::Widgets)
#          + gtest | qtest (a test program linking GoogleTest | Qt Test: its framework's headers)
#          + the target's own compile options (-O0 in test programs, libFuzzer's coverage)
#
# Measured on this machine class (2 cores, clang++-14, no compiler cache): a fresh build of
# everything 747 -> 612 CPU-s (386 -> 310 s), the sanitizer build 435 -> 363 CPU-s; a larger list
# of headers measured no better (each user loads more of the header).
#
# oidcplay_precompile_headers(<dir>) gives every target of <dir> and below that links the core
# the header of its kind; call it once, at the end of the top-level CMakeLists.txt.
# OIDCPLAY_PCH=OFF builds without (a header a file forgets to include then shows).
include(OidcplayTargets)

option(OIDCPLAY_PCH "Precompile the Qt, JSON and test-framework headers (clang)" ON)

set(_oidcplay_pch_core
    <algorithm> <array> <chrono> <cstdint> <functional> <map> <memory> <optional> <set> <string>
    <string_view> <utility> <vector>
    <nlohmann/json.hpp>
    <QByteArray> <QDateTime> <QList> <QObject> <QPointer> <QString> <QStringList> <QTimer> <QUrl>
    <QUrlQuery> <QNetworkAccessManager> <QNetworkReply> <QTcpServer> <QTcpSocket>)
set(_oidcplay_pch_widgets
    <QApplication> <QBoxLayout> <QCheckBox> <QComboBox> <QFormLayout> <QHeaderView> <QLabel>
    <QLineEdit> <QPlainTextEdit> <QPushButton> <QSplitter> <QStackedWidget> <QTableView>
    <QTabWidget> <QTreeView> <QWidget>)
set(_oidcplay_pch_gtest <gtest/gtest.h>)
set(_oidcplay_pch_qtest <QSignalSpy> <QTest>)

# The libraries a target links, directly or through the project's own libraries.
function(_oidcplay_pch_closure target out)
    set(seen "")
    set(queue ${target})
    while(queue)
        list(POP_FRONT queue item)
        if(item IN_LIST seen)
            continue()
        endif()
        list(APPEND seen ${item})
        # Imported targets (Qt, GoogleTest) count by name; some are not visible from here.
        if(NOT TARGET ${item})
            continue()
        endif()
        get_target_property(imported ${item} IMPORTED)
        if(imported)
            continue()
        endif()
        get_target_property(type ${item} TYPE)
        set(links "")
        if(NOT type STREQUAL "INTERFACE_LIBRARY")
            get_target_property(links ${item} LINK_LIBRARIES)
        endif()
        get_target_property(interface ${item} INTERFACE_LINK_LIBRARIES)
        foreach(link IN LISTS links interface)
            string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" link "${link}")
            if(link AND NOT link MATCHES "NOTFOUND$" AND NOT link MATCHES "^\\$<")
                list(APPEND queue ${link})
            endif()
        endforeach()
    endwhile()
    set(${out} ${seen} PARENT_SCOPE)
endfunction()

# The owner of a kind's header: a library of one empty file, compiled like the kind's users. It
# compiles without ccache: a cached header from another clone would name that clone's files. Its
# launcher (cmake/pch-checksum.sh) writes <header>.pch.sum, a digest of the command and of every
# file the header read, which ccache hashes in place of the header (pch_external_checksum): the
# header's own bytes name this build directory, the digest does not, so a new clone's users of
# the header still hit the cache.
function(_oidcplay_pch_owner kind widgets framework options)
    set(owner oidcplay_pch_${kind})
    if(TARGET ${owner})
        return()
    endif()
    add_library(${owner} OBJECT ${PROJECT_SOURCE_DIR}/cmake/pch.cpp)
    set_target_properties(${owner} PROPERTIES AUTOMOC OFF UNITY_BUILD OFF CXX_COMPILER_LAUNCHER
        "${PROJECT_SOURCE_DIR}/cmake/pch-checksum.sh;${PROJECT_SOURCE_DIR};${PROJECT_BINARY_DIR}")
    set(headers ${_oidcplay_pch_core})
    target_link_libraries(${owner} PRIVATE oidcplay_core_usage oidcplay_warnings)
    if(widgets)
        target_link_libraries(${owner} PRIVATE Qt6::Widgets)
        list(APPEND headers ${_oidcplay_pch_widgets})
    endif()
    if(framework STREQUAL "gtest")
        find_package(GTest REQUIRED)   # tests/ finds it for its own directory only
        target_link_libraries(${owner} PRIVATE GTest::gtest)
        list(APPEND headers ${_oidcplay_pch_gtest})
    elseif(framework STREQUAL "qtest")
        # Qt Test's headers without Qt6::Test's defines: QT_TESTCASE_BUILDDIR names each user's
        # own directory, which the header must not fix. Its users define it (and QT_TESTLIB_LIB).
        target_include_directories(${owner} SYSTEM PRIVATE $<TARGET_PROPERTY:Qt6::Test,INTERFACE_INCLUDE_DIRECTORIES>)
        list(APPEND headers ${_oidcplay_pch_qtest})
    endif()
    # No timestamps in the header: the same inputs give the same bytes.
    target_compile_options(${owner} PRIVATE ${options} "SHELL:-Xclang -fno-pch-timestamp")
    target_precompile_headers(${owner} PRIVATE ${headers})
    add_custom_target(${owner}_built)
    add_dependencies(${owner}_built ${owner})
endfunction()

# Gives each target in <targets> that links the core the header of its kind. <common>: the compile
# options of the top directory, which every target and the owners start from.
function(_oidcplay_pch_targets targets common)
    foreach(target IN LISTS targets)
        get_target_property(type ${target} TYPE)
        if(NOT type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$"
                OR target MATCHES "^oidcplay_pch_")
            continue()
        endif()
        _oidcplay_pch_closure(${target} links)
        if(NOT "oidcplay_core_usage" IN_LIST links)
            continue()   # Qt-only helpers (secrets, the start-up probe): small, their own flags
        endif()
        set(kind core)
        set(widgets OFF)
        if("Qt6::Widgets" IN_LIST links)
            set(kind widgets)
            set(widgets ON)
        endif()
        # Test programs get their framework's headers too; support libraries do without.
        set(framework "")
        if(type STREQUAL "EXECUTABLE")
            if("GTest::gtest" IN_LIST links)
                set(framework gtest)
            elseif("Qt6::Test" IN_LIST links AND widgets)
                set(framework qtest)
            endif()
        endif()
        if(framework)
            string(APPEND kind "_${framework}")
        endif()
        # The target's own options (-O0 for test programs, libFuzzer's coverage): the header too.
        # (Those of the top directory aside.)
        get_target_property(options ${target} COMPILE_OPTIONS)
        if(NOT options)
            set(options "")
        endif()
        list(REMOVE_DUPLICATES options)
        list(REMOVE_ITEM options ${common})
        if(options)
            string(MAKE_C_IDENTIFIER "${options}" suffix)
            string(REGEX REPLACE "_+" "_" suffix "${suffix}")
            string(APPEND kind "${suffix}")
        endif()
        _oidcplay_pch_owner(${kind} ${widgets} "${framework}" "${options}")
        # Not REUSE_FROM: CMake names the header by absolute paths in -Xclang arguments, which
        # ccache hashes as they are (no base_dir there), so no clone would hit another's objects.
        # Ninja compiles in the build directory: a path relative to it is the same in every clone.
        set(pch CMakeFiles/oidcplay_pch_${kind}.dir/cmake_pch.hxx.pch)
        if(NOT CMAKE_GENERATOR MATCHES "Ninja")
            set(pch ${PROJECT_BINARY_DIR}/${pch})
        endif()
        target_compile_options(${target} PRIVATE -Winvalid-pch "SHELL:-Xclang -include-pch -Xclang ${pch}")
        # Compiled before any user: Ninja orders a target's compiles after the libraries it depends
        # on only by their own prerequisites, but after a custom target's whole build.
        add_dependencies(${target} oidcplay_pch_${kind}_built)
        # qt_add_resources compiles a target's resources in object libraries of their own
        # (<target>_resources_<n>) that copy its compile options, the header's with them.
        get_target_property(resources ${target} _qt_generated_resource_target_count)
        if(resources)
            foreach(n RANGE 1 ${resources})
                add_dependencies(${target}_resources_${n} oidcplay_pch_${kind}_built)
            endforeach()
        endif()
    endforeach()
endfunction()

function(oidcplay_precompile_headers dir)
    if(OIDCPLAY_PCH AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        oidcplay_targets_under(${dir} targets)
        get_directory_property(common DIRECTORY ${PROJECT_SOURCE_DIR} COMPILE_OPTIONS)
        _oidcplay_pch_targets("${targets}" "${common}")
    endif()
endfunction()
