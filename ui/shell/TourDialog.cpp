#include "TourDialog.h"

#include "ui/widgets/Layouting.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QTextBrowser>

namespace ui {

TourDialog::TourDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("tourDialog"));
    setWindowTitle(QStringLiteral("A Short Tour"));
    auto *text = new QTextBrowser;
    text->setObjectName(QStringLiteral("tourText"));
    text->setAccessibleName(QStringLiteral("The README's tour"));
    text->setOpenExternalLinks(false);
    text->setOpenLinks(false);
    text->setMarkdown(tourMarkdown());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout::attach(this, layout::column({layout::Item(text, 1), buttons}));
    resize(text->fontMetrics().averageCharWidth() * 90, text->fontMetrics().height() * 36);
}

QString TourDialog::tourMarkdown()
{
    QFile file(QStringLiteral(":/oidcplay/README.md"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("The README is not built into this copy of the app.");
    const QString readme = QString::fromUtf8(file.readAll());
    const qsizetype start = readme.indexOf(QStringLiteral("\n## A short tour"));
    if (start < 0)
        return readme;
    const qsizetype end = readme.indexOf(QStringLiteral("\n## "), start + 1);
    QStringList lines = readme.mid(start + 1, end < 0 ? -1 : end - start - 1).split(QLatin1Char('\n'));
    // Pictures are the repository's files, not the app's: the links to them stay, the images go.
    lines.removeIf([](const QString &line) { return line.startsWith(QStringLiteral("![")); });
    return lines.join(QLatin1Char('\n'));
}

} // namespace ui

#include "moc_TourDialog.cpp"
