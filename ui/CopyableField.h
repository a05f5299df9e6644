#pragma once

// A labelled, read-only, monospace value with a Copy button (code_verifier, state, …).

#include <QWidget>

class QLineEdit;
class QPushButton;

namespace ui {

class CopyableField final : public QWidget {
    Q_OBJECT
public:
    // `name` becomes the object names: <name> for this widget, <name>Edit and <name>CopyButton.
    explicit CopyableField(const QString &name, QWidget *parent = nullptr);

    void setText(const QString &text);
    [[nodiscard]] QString text() const;
    void setPlaceholderText(const QString &text);

private:
    QLineEdit *m_edit;
    QPushButton *m_copy;
};

} // namespace ui
