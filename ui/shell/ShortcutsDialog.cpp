#include "ShortcutsDialog.h"

#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QHeaderView>
#include <QStringList>
#include <QTableWidget>

namespace ui {

ShortcutsDialog::ShortcutsDialog(const std::function<QString(Command)> &nameOf, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(QStringLiteral("Keyboard Shortcuts"));

    auto *table = new QTableWidget(0, 4);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setAccessibleName(QStringLiteral("Keyboard shortcuts"));
    table->setHorizontalHeaderLabels({QStringLiteral("Menu"), QStringLiteral("Command"), QStringLiteral("Keys"), QStringLiteral("What it does")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    for (const CommandSpec &spec : commandTable()) {
        const QList<QKeySequence> keys = shortcutsOf(spec);
        if (keys.isEmpty())
            continue;
        QStringList keyTexts;
        for (const QKeySequence &key : keys)
            keyTexts << key.toString(QKeySequence::NativeText);
        const int row = table->rowCount();
        table->insertRow(row);
        QString name = nameOf(spec.command);
        name.remove(QLatin1Char('&'));
        const QStringList cells = {menuTitle(spec.menu).remove(QLatin1Char('&')), name, keyTexts.join(QStringLiteral(", ")),
                                   QString::fromUtf8(spec.description)};
        for (int column = 0; column < cells.size(); ++column)
            table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout::attach(this, layout::column({
        typeLabel(Type::Caption, QStringLiteral("Standard keys follow your platform's conventions; the others are the same everywhere.")),
        layout::Item(table, 1),
        buttons,
    }));
    // Wide enough for the table's columns (grows with the font), within the screen.
    resize(table->horizontalHeader()->length() + 60, 520);
}

} // namespace ui

#include "moc_ShortcutsDialog.cpp"
