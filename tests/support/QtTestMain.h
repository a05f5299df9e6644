#pragma once
// Many Qt Test classes in one program (cmake/OidcplayTesting.cmake: `QTEST PROGRAM <p>`): each
// test file ends with OIDCPLAY_QTEST_MAIN(<ctest name>, <class>) in place of QTEST_MAIN, and the
// program's main (QtTestMain.cpp) runs the class its first argument names, exactly as QTEST_MAIN
// would (a QApplication with 96 DPI, then QTest::qExec with the remaining arguments). One program
// compiles and links the GUI libraries once instead of once per test; ctest still runs each class
// as its own test, in its own process. The program is a unity build: a test file puts its code in a
// namespace named after it (`namespace tst_x { … }` around its helpers and its class), so that the
// file-local names of the files of one batch do not meet.
//
//   oidcplay_ui_tests tst_session [Qt Test arguments…]   one class
//   oidcplay_ui_tests --list                              the registered names

#include <QObject>
#include <QtTest/qtestcase.h>

#include <memory>

namespace oidcplay::test {

using QtTestFactory = std::unique_ptr<QObject> (*)();

// Registers a test class under its ctest name; false (and a message at start) if the name is taken.
bool registerQtTest(const char *name, QtTestFactory factory);

} // namespace oidcplay::test

// At namespace scope, once per test file. The factory runs after the QApplication exists, as the
// test object of QTEST_MAIN does; QFINDTESTDATA finds files next to this source.
#define OIDCPLAY_QTEST_MAIN(name, TestObject)                                                      \
    namespace {                                                                                    \
    const bool oidcplayQtTestRegistered_##name = ::oidcplay::test::registerQtTest(#name, [] {      \
        QTest::setMainSourcePath(__FILE__);                                                        \
        return std::unique_ptr<QObject>(new TestObject);                                           \
    });                                                                                            \
    }
