#pragma once

// Every custom colour of the UI, in one place: a light and a dark value for each, chosen by the
// application palette (a dark Window role picks the dark value), so the light, dark and system
// themes all read well. Anything else a panel draws takes a palette role.
//
// - Ink: text and marks on the ordinary backgrounds (Base, Window, AlternateBase): outcomes,
//   muted captions, the flow's step states, the poll timeline's decisions.
// - Fill: backgrounds behind text (check rows, claim-diff rows, the poll timeline's plot).
// - Box: a boxed label's background, text and border (banners, the Inbox's code, link numbers).
//
// contrastPairs() lists every text colour with the background it is drawn on; the UI tests hold
// each pair to WCAG 2.1's 4.5:1 (SC 1.4.3) under the light and the dark palette.
//
// Widgets coloured with setInk()/setBox() remember what they asked for; refreshTones() re-applies
// it after the palette changed (a theme switch), so no panel needs to follow the theme itself.
// Models and painted views ask ink()/fill() while they draw, so they follow on the next paint.

#include <QColor>
#include <QPalette>
#include <QString>

#include <vector>

class QLabel;
class QWidget;

namespace ui {

enum class Ink {
    Pass,        // a passed check, a good state
    Warn,        // a warning, a rate limit, a cancelled step
    Fail,        // a failed check, an error
    Muted,       // captions, skipped checks, unchanged rows
    Running,     // the flow step that runs now
    Pending,     // a flow step not run yet
    PollPending, // a poll answered "not yet"
    Transient,   // a poll that failed transiently (5xx, no answer)
    Accent,      // the poll timeline's "now"
    Section,     // the Inbox's section names
};

enum class Fill {
    PassRow,     // a passed check's result cell
    FailRow,     // a failed check's result cell
    SkipRow,     // a skipped check's result cell
    ChangedRow,  // a claim that changed (step-up, refresh)
    AddedRow,    // a claim that appeared
    RemovedRow,  // a claim that went away
    Plot,        // the poll timeline's background
    PlotElapsed, // the part of the timeline already past
    PlotAxis,    // the timeline's axis and ticks (a mark, not text)
    QrLight,     // a QR code's light modules and quiet zone: light in both themes, or scanners fail
    QrDark,      // a QR code's dark modules
};

enum class Box {
    Neutral,     // Tone::Neutral
    Good,        // Tone::Good
    Warning,     // Tone::Warning
    Bad,         // Tone::Bad
    StatusLine,  // a muted status line, no box
    Code,        // a one-time code to read and copy
    LinkNumber,  // an enchanted link's number in the Inbox
    BigNumber,   // the enchanted link's number to click
    Badge,       // a numbered step marker (PKCE generator)
};

struct BoxColors final {
    QColor background; // invalid: transparent (the Window role shows)
    QColor text;
    QColor border;     // invalid: none
};

// True when `palette` is a dark one (its Window role is dark).
[[nodiscard]] bool isDarkPalette(const QPalette &palette);
// The application palette's darkness, which every colour below follows.
[[nodiscard]] bool darkTones();

[[nodiscard]] QColor ink(Ink which, bool dark);
[[nodiscard]] QColor ink(Ink which);
[[nodiscard]] QColor fill(Fill which, bool dark);
[[nodiscard]] QColor fill(Fill which);
[[nodiscard]] BoxColors boxColors(Box which, bool dark);
// Text drawn on a disc filled with an ink (the flow's step badges).
[[nodiscard]] QColor onInk(bool dark);
[[nodiscard]] QColor onInk();

// WCAG 2.1 contrast ratio of two opaque colours (1 to 21).
[[nodiscard]] double contrastRatio(const QColor &a, const QColor &b);

struct ContrastPair final {
    QString name; // "Pass on Base"
    QColor text;
    QColor background;
};
// Every text colour of this file with each background it is drawn on, for `palette` (the light or
// the dark theme's): inks on Base, Window and AlternateBase, the check inks on their rows, the
// palette's Text on the claim-diff rows, the timeline's labels on its plot, every box's text on its
// background, badge text on every ink it fills.
[[nodiscard]] std::vector<ContrastPair> contrastPairs(const QPalette &palette);

// The widget's WindowText and Text in `ink`, re-applied by refreshTones().
void setInk(QWidget *widget, Ink which);
// The label's style sheet from `box` and `shape` (radius, padding, weight: "border-radius: 4px;
// padding: 6px 8px;"), re-applied by refreshTones().
void setBox(QLabel *label, Box box, const QString &shape);
// Re-applies every setInk()/setBox() after the application palette changed.
void refreshTones();

} // namespace ui
