#pragma once

// The sandbox's Inbox inside a Descope panel, where a message would be sent: only the messages of
// the kinds this panel starts ("otp", "magic-link", "enchanted-link": sandbox::InboxMessage::kind)
// and, once setLoginId() is given one, of that login ID (or address), newest first, at most
// kMaxShown. Each message shows when, what and to whom; a code is shown large and links as
// buttons, with the one-click action the area chooses: setCodeAction("Fill") puts a button by
// each code that emits codeChosen, setLinkAction("Open") a button per link ("Open 42" for a
// numbered enchanted link) that emits linkChosen. It follows the sandbox's Inbox live.
// With a real Descope project (anything but the sandbox) messages go to the user's own email or
// phone: the inbox is replaced by one line that says so.
//
// Object names: the widget is panelInbox (setObjectName to change it); each message
// panelInboxEntry (property messageId), each code panelInboxCode (property code), each code's
// button panelInboxFill (property code), each link's button panelInboxLink (properties
// linkNumber, linkUrl); panelInboxEmpty and panelInboxUnavailable are the one-line states.

#include <QStringList>
#include <QUrl>
#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace sandbox {
struct InboxMessage;
}

namespace ui {

class DescopeContext;

class PanelInbox final : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxShown = 5;

    PanelInbox(DescopeContext &context, const QStringList &kinds, QWidget *parent = nullptr);

    // Only this login ID's messages (case-insensitive; the address matches too). Empty: every
    // message of the panel's kinds.
    void setLoginId(const QString &loginId);
    [[nodiscard]] QString loginId() const { return m_loginId; }
    // The button texts of the one-click actions; empty (the default): no button.
    void setCodeAction(const QString &text);
    void setLinkAction(const QString &text);

    // Whether `message` is one this panel shows (its kind, its login ID).
    [[nodiscard]] bool accepts(const sandbox::InboxMessage &message) const;

Q_SIGNALS:
    void codeChosen(const QString &code, quint64 messageId);
    void linkChosen(const QUrl &url, const QString &number, quint64 messageId);

private:
    void rebuild();
    QWidget *entry(const sandbox::InboxMessage &message);

    DescopeContext &m_context;
    QStringList m_kinds;
    QString m_loginId;
    QString m_codeAction;
    QString m_linkAction;
    QLabel *m_caption;
    QLabel *m_empty;
    QLabel *m_unavailable;
    QVBoxLayout *m_entries;
};

} // namespace ui
