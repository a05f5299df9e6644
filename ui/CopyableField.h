#pragma once

// A labelled, read-only, monospace value with a Copy button (code_verifier, state, …). A field
// marked secret (setSecret) shows its value masked while presenting (ui/Presentation.h); Copy
// still copies the value, which the audience does not see.

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
    void setSecret(bool secret);

private:
    void showValue();

    QLineEdit *m_edit;
    QString m_value;
    bool m_secret = false;
    QPushButton *m_copy;
};

} // namespace ui
