#pragma once

// Presentation mode's line above the area: the current step in one plain sentence (what
// ui::Presentation narrates, the core's sentences), large enough to read from the back of the
// room, and a small hint how to leave the mode. Plain text only.
//
// Object names: narrationBar, narrationText, presentationHint.

#include <QFrame>

class QLabel;

namespace ui {

class NarrationBar final : public QFrame {
    Q_OBJECT
public:
    // `leaveKeys`: the keys that leave presentation mode, as the hint names them ("Esc or Ctrl+Shift+P").
    explicit NarrationBar(const QString &leaveKeys, QWidget *parent = nullptr);

private:
    void showSentence(const QString &sentence);

    QLabel *m_text;
    QLabel *m_hint;
};

} // namespace ui
