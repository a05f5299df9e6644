#pragma once

// An access key's cleartext, the one time Descope returns it (the create answer): the key's ID,
// the cleartext with a Copy button, a plain warning that it will not be shown again, a hint where
// to use it, and "I have copied it", which forgets it. Nothing else keeps it: the panel holds no
// copy, the exchange log shows it redacted, and a new project or a new key forgets it too.
// Hidden while there is nothing to show. Object names: <name>, <name>Value (a CopyableField: its
// edit <name>ValueEdit, its button <name>ValueCopyButton), <name>Hint, <name>Forget.

#include <QWidget>

class QLabel;
class QPushButton;

namespace ui {

class CopyableField;

class CleartextOnce final : public QWidget {
    Q_OBJECT
public:
    explicit CleartextOnce(const QString &name, QWidget *parent = nullptr);

    void showKey(const QString &keyId, const QString &cleartext, const QString &hint);
    void forget();

private:
    QLabel *m_warning;
    CopyableField *m_value;
    QLabel *m_hint;
    QPushButton *m_forget;
};

} // namespace ui
