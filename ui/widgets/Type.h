#pragma once

// One type scale for every panel: a panel's title, a pane's heading, a section's name and the
// muted captions that say what something is for. Panels style text only through applyType(), so
// a title looks the same in the JWT inspector, the flow page and the sandbox panels.

#include <QString>

class QLabel;

namespace ui {

enum class Type {
    Title,   // a panel's name ("JWT Inspector"): 1.35 × the base size, demi-bold
    Heading, // a pane's name ("Tokens", the selected step): 1.1 ×, demi-bold
    Section, // a part of a pane ("Token", "Verification"): the base size, demi-bold
    Caption, // what a panel, a field or a value is for: the base size, muted, wrapped
};

void applyType(QLabel *label, Type type);

// A plain-text label (never HTML) in `type`.
[[nodiscard]] QLabel *typeLabel(Type type, const QString &text = {});

// The font size preference as a factor of the platform's size (1: unchanged). Fonts that fix their
// own size when created (monospaceFont()) multiply by it; ui::Appearance sets it.
[[nodiscard]] double fontScale();
void setFontScale(double scale);

} // namespace ui
