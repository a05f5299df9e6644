#pragma once

// Edit ▸ Preferences (Ctrl+,): every Preferences value in one form. Each edit is stored and
// applied at once (Preferences::changed): the theme repaints the window while the dialog is open,
// a new timeout holds for the next request. Close only closes.

#include <QDialog>

namespace ui {

class Preferences;

class PreferencesDialog final : public QDialog {
    Q_OBJECT
public:
    // `preferences` must outlive the dialog.
    explicit PreferencesDialog(Preferences &preferences, QWidget *parent = nullptr);
};

} // namespace ui
