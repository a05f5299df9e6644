#pragma once

// The app's one presentation state, for a demo in front of an audience (View ▸ Presentation mode):
// - whether it is on: the main window hides its developer panes and takes the presentation font
//   size (ui/shell/Appearance), and every control that can show a secret keeps it masked — the
//   Exchange Log's "Reveal secrets", the provider bar's management key, the social area's "Show
//   code", secret CopyableFields, the inspector's "Show" — asking secretsMasked() before showing
//   and following activeChanged() to mask what is shown;
// - the narration: the current step in one plain sentence, which the flow page's steps and the
//   Descope areas set through narrate() with the core's sentences (oidc::flow::flowStepNarration,
//   oidc::descope::descopeNarration) and the main window shows while presenting.
//
// One per process, like the application's palette and font: a control deep in a panel asks it
// without being handed a context, and no panel keeps a copy that could disagree.

#include <QObject>
#include <QString>

namespace ui {

class Presentation final : public QObject {
    Q_OBJECT
public:
    [[nodiscard]] static Presentation &instance();
    // Whether controls must keep secrets masked: while presenting.
    [[nodiscard]] static bool secretsMasked() { return instance().isActive(); }
    // Sets the narration and tells narrationChanged, the same sentence again too (a step run
    // again); an empty sentence changes nothing.
    static void narrate(const QString &sentence) { instance().setNarration(sentence); }

    [[nodiscard]] bool isActive() const { return m_active; }
    void setActive(bool active);
    [[nodiscard]] QString narration() const { return m_narration; }
    void setNarration(const QString &sentence);

Q_SIGNALS:
    void activeChanged(bool active);
    void narrationChanged(const QString &sentence);

private:
    Presentation() = default;

    bool m_active = false;
    QString m_narration;
};

} // namespace ui
