#pragma once

// Help ▸ About: the app's version and what it runs on — Qt at run time and at build time, the
// OpenSSL library in use (OpenSSL_version), the build type, the compiler and the commit. The
// text can be selected and copied into a bug report.

#include <QDialog>

namespace ui {

class AboutDialog final : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The lines the dialog shows ("Qt 6.4.2 (built with 6.4.2)", …), one per line.
    [[nodiscard]] static QString versionText();
};

} // namespace ui
