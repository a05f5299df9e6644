#pragma once

// Help ▸ Keyboard shortcuts: every row of the command table (CommandTable.h) that has keys, with
// its menu, its name and what it does — the same table the menus are built from.

#include "ui/shell/CommandTable.h"

#include <QDialog>

#include <functional>

namespace ui {

class ShortcutsDialog final : public QDialog {
    Q_OBJECT
public:
    // `nameOf` names a command as its menu does (the area names of View ▸ Ctrl+1…9).
    explicit ShortcutsDialog(const std::function<QString(Command)> &nameOf, QWidget *parent = nullptr);
};

} // namespace ui
