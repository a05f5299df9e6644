# Precompiled headers. Most of a translation unit here is Qt, nlohmann-json, the standard library
# and (in tests) GoogleTest or Qt Test: each kind of target parses them once, in a small owner
# library, and the targets of that kind reuse its header (REUSE_FROM). OIDCPLAY_PCH=OFF turns it off.
#
#   oidcplay_use_pch(<target> core|widgets|gtest|qtest)
#
# GCC accepts a header built with other -D macros when they do not touch it (QT_TESTCASE_*, the
# per-target QT_*_LIB); clang does not, so with clang every target of several files builds its own.
option(OIDCPLAY_PCH "Precompile the Qt, JSON and test-framework headers" ON)

set(_oidcplay_pch_core
    <algorithm> <array> <chrono> <cstdint> <functional> <map> <memory> <optional> <set> <string>
    <string_view> <utility> <vector>
    <nlohmann/json.hpp>
    <QByteArray> <QDateTime> <QObject> <QPointer> <QString> <QStringList> <QTimer> <QUrl> <QUrlQuery>
    <QNetworkAccessManager> <QNetworkReply> <QTcpServer> <QTcpSocket>)
set(_oidcplay_pch_widgets ${_oidcplay_pch_core}
    <QAbstractItemModel> <QApplication> <QBoxLayout> <QCheckBox> <QComboBox> <QFormLayout> <QHeaderView>
    <QLabel> <QLineEdit> <QPlainTextEdit> <QPushButton> <QSplitter> <QStackedWidget> <QTableView>
    <QTreeView> <QWidget>)
set(_oidcplay_pch_gtest ${_oidcplay_pch_core} <gtest/gtest.h>)
set(_oidcplay_pch_qtest ${_oidcplay_pch_widgets} <QSignalSpy> <QTest>)

# What the owners compile with: the core's usage requirements (oidcplay_core_usage, not oidc
# itself, which reuses the core header) and the framework of their kind.
set(_oidcplay_pch_core_links oidcplay_core_usage)
set(_oidcplay_pch_widgets_links oidcplay_core_usage Qt6::Widgets)
set(_oidcplay_pch_gtest_links oidcplay_core_usage GTest::gtest)
set(_oidcplay_pch_qtest_links oidcplay_core_usage Qt6::Widgets Qt6::Test)

# The owner of a kind's header. GCC refuses a header built with a -D macro defined otherwise, and
# Qt Test defines QT_TESTCASE_BUILDDIR per directory: Qt Test programs share one per directory.
function(_oidcplay_pch_owner kind out)
    set(owner oidcplay_pch_${kind})
    if(kind STREQUAL "qtest")
        file(RELATIVE_PATH dir ${PROJECT_BINARY_DIR} ${CMAKE_CURRENT_BINARY_DIR})
        string(MAKE_C_IDENTIFIER "${dir}" dir)
        set(owner oidcplay_pch_qtest_${dir})
    endif()
    set(${out} ${owner} PARENT_SCOPE)
    if(NOT TARGET ${owner})
        add_library(${owner} OBJECT ${PROJECT_SOURCE_DIR}/cmake/pch.cpp)
        target_link_libraries(${owner} PRIVATE ${_oidcplay_pch_${kind}_links} oidcplay_warnings)
        set_target_properties(${owner} PROPERTIES AUTOMOC OFF)
        target_precompile_headers(${owner} PRIVATE ${_oidcplay_pch_${kind}})
    endif()
endfunction()

function(oidcplay_use_pch target kind)
    if(NOT OIDCPLAY_PCH)
        return()
    endif()
    if(NOT DEFINED _oidcplay_pch_${kind})
        message(FATAL_ERROR "oidcplay_use_pch: no kind '${kind}' (core, widgets, gtest, qtest)")
    endif()
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        _oidcplay_pch_owner(${kind} owner)
        target_precompile_headers(${target} REUSE_FROM ${owner})
    else()
        get_target_property(sources ${target} SOURCES)
        list(FILTER sources INCLUDE REGEX "\\.cpp$")
        list(LENGTH sources count)
        if(count GREATER 2)
            target_precompile_headers(${target} PRIVATE ${_oidcplay_pch_${kind}})
        endif()
    endif()
endfunction()
