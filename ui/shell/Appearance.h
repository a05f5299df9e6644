#pragma once

// Applies the theme and font size preferences to the whole application, at once and again on
// every change (no restart):
// - System: the platform's style and palette, as they were when the app started.
// - Light: Fusion with Fusion's light palette (a deeper highlight). Dark: Fusion with darkPalette().
// Custom colours follow through ui/widgets/Tones (refreshTones() after each palette change).
// - Font size: the application font at that size (0: the platform's); every widget whose font
//   fixes its own size (titles, monospace text, big numbers) is scaled by the same ratio, and
//   monospaceFont() follows fontScale() for widgets created later.
// - While presenting (ui/Presentation.h), presentation mode's own font size instead, and the
//   everyday one again when it ends.

#include "ui/shell/Preferences.h"

#include <QFont>
#include <QObject>
#include <QPalette>
#include <QString>

namespace ui {

class Appearance final : public QObject {
    Q_OBJECT
public:
    // Applies `preferences` now and follows their changes. `preferences` must outlive this object.
    explicit Appearance(Preferences &preferences, QObject *parent = nullptr);

    // Call once, after the QApplication and before any widget: the application font lays out text
    // of scripts that need no shaping (Latin, Greek, Cyrillic ...) from the font's character map,
    // without OpenType shaping (QFont::PreferNoShaping; Arabic, Indic and the like are still
    // shaped). That gives up Latin ligatures and GPOS kerning and halves the cost of laying text
    // out, which was a third of the GUI thread's instructions during flows (issue 12).
    static void prepareApplicationFont();

    // The palettes of the light and dark themes (the contrast test checks every Tones pair on both).
    [[nodiscard]] static QPalette lightPalette();
    [[nodiscard]] static QPalette darkPalette();

private:
    void applyTheme(Preferences::Theme theme);
    void applyFontSize(int points);
    // The size the font size keys currently stand for: the presentation size while presenting.
    [[nodiscard]] int effectiveFontPointSize() const;

    // The style, palette and font the application had before any Appearance changed them.
    struct PlatformLook final {
        QString style;
        QPalette palette;
        QFont font;
    };
    [[nodiscard]] static const PlatformLook &platformLook();

    Preferences &m_preferences;
};

} // namespace ui
