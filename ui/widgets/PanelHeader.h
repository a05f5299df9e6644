#pragma once

// The head of a panel, or of a part of one: its name in the type scale, a caption underneath
// that says what it is for, and the buttons that act on all of it on the right, level with the
// caption. The JWT inspector, the exchange log, the PKCE generator, the flow page and the
// sandbox panels open with one; the inspector's "Token" and "Decoded" parts too.

#include "ui/widgets/Type.h"

#include <QWidget>

#include <initializer_list>

class QLabel;

namespace ui {

class PanelHeader final : public QWidget {
    Q_OBJECT
public:
    PanelHeader(Type type, const QString &title, const QString &caption = {}, std::initializer_list<QWidget *> actions = {},
                QWidget *parent = nullptr);

    // Shown only while it has text.
    void setCaption(const QString &text);
    [[nodiscard]] QLabel *captionLabel() const { return m_caption; }

private:
    QLabel *m_caption;
};

} // namespace ui
