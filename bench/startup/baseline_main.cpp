// oidcplay-startup-baseline: the smallest Qt Widgets application worth comparing with — a main
// window holding one label — measured by the same StartupProbe as oidcplay --measure-startup.

#include "ui/StartupProbe.h"

#include <QApplication>
#include <QLabel>
#include <QMainWindow>

#include <cstring>
#include <memory>

int main(int argc, char *argv[])
{
    ui::StartupProbe::markMain();
    bool measure = false;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--measure-startup") == 0)
            measure = true;

    QApplication app(argc, argv);
    QMainWindow window;
    window.setWindowTitle(QStringLiteral("Start-up baseline"));
    auto *label = new QLabel(QStringLiteral("Baseline: an empty main window with one label."));
    label->setTextFormat(Qt::PlainText);
    label->setAlignment(Qt::AlignCenter);
    window.setCentralWidget(label);
    window.resize(1280, 800); // the same size as oidcplay's main window

    std::unique_ptr<ui::StartupProbe> probe;
    if (measure)
        probe = std::make_unique<ui::StartupProbe>(&window);
    window.show();
    return QApplication::exec();
}
