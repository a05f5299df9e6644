#pragma once

// Read-only monospace views of text the user reads and copies but does not edit: requests and
// responses, metadata, computed values.

#include <QString>

class QLineEdit;
class QPlainTextEdit;

namespace ui {

// Wraps at the widget's width; `placeholder` says what will show here.
[[nodiscard]] QPlainTextEdit *readOnlyText(const QString &name, const QString &placeholder = {});
// One line (a digest, a computed challenge).
[[nodiscard]] QLineEdit *readOnlyLine(const QString &name);

} // namespace ui
