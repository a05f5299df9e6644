// A stand-in for `oidcplay-cli sandbox` when the CLI target is not built: the same
// cli::runSandbox from app/cli/SandboxCommand.cpp behind a minimal main.

#include "Commands.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    QStringList arguments = QCoreApplication::arguments().mid(1);
    if (!arguments.isEmpty() && arguments.first() == QLatin1String("sandbox"))
        arguments.removeFirst();
    return cli::runSandbox(arguments);
}
