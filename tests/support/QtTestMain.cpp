// The entry point of a program holding several Qt Test classes (QtTestMain.h): the first argument
// names the class to run; the rest goes to Qt and to QTest::qExec as QTEST_MAIN passes it.

#include "QtTestMain.h"

#include <QApplication>
#include <QtTest/qtestcase.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace {

struct Registry {
    std::map<std::string, oidcplay::test::QtTestFactory> tests;
    std::vector<std::string> duplicates;
};

Registry &registry()
{
    static Registry instance;
    return instance;
}

void printNames(std::FILE *to)
{
    for (const auto &entry : registry().tests)
        std::fprintf(to, "%s\n", entry.first.c_str());
}

} // namespace

bool oidcplay::test::registerQtTest(const char *name, QtTestFactory factory)
{
    const bool added = registry().tests.emplace(name, factory).second;
    if (!added)
        registry().duplicates.emplace_back(name);
    return added;
}

int main(int argc, char **argv)
{
    const Registry &tests = registry();
    if (!tests.duplicates.empty()) {
        for (const std::string &name : tests.duplicates)
            std::fprintf(stderr, "%s: the test name %s is registered twice\n", argv[0], name.c_str());
        return 2;
    }
    if (argc >= 2 && std::strcmp(argv[1], "--list") == 0) {
        printNames(stdout);
        return 0;
    }
    // A program with one class runs it without a name, as its own QTEST_MAIN program did.
    auto chosen = tests.tests.end();
    std::vector<char *> arguments(argv, argv + argc);
    if (argc >= 2)
        chosen = tests.tests.find(argv[1]);
    if (chosen != tests.tests.end()) {
        arguments.erase(arguments.begin() + 1);
    } else if (tests.tests.size() == 1 && (argc < 2 || argv[1][0] == '-')) {
        chosen = tests.tests.begin();
    } else {
        std::fprintf(stderr, "usage: %s <test> [Qt Test arguments…]; the tests:\n", argv[0]);
        printNames(stderr);
        return 2;
    }
    int count = static_cast<int>(arguments.size());
    arguments.push_back(nullptr);

    // What QTEST_MAIN does for a Qt Widgets test, with the test's name taken out of the arguments.
    QApplication app(count, arguments.data());
    app.setAttribute(Qt::AA_Use96Dpi, true);
    const std::unique_ptr<QObject> test = chosen->second();
    return QTest::qExec(test.get(), count, arguments.data());
}
