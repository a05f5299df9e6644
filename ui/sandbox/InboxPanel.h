#pragma once

// The sandbox Inbox: what the sandbox "delivered" (enchanted-link emails with three numbered
// links, magic links, OTP codes), newest first and live. Opening a link requests it (GET, on
// the panel's own QNetworkAccessManager, never blocking) so an enchanted-link or magic-link
// sign-in can be finished without a browser; codes have a Copy button. Provider text is shown
// as plain text only.

#include <QPointer>
#include <QUrl>
#include <QWidget>

class QLabel;
class QLayout;
class QLineEdit;
class QNetworkAccessManager;
class QNetworkReply;
class QPlainTextEdit;
class QPushButton;
class QTreeView;
class QVBoxLayout;

namespace sandbox {
class SandboxHost;
struct InboxMessage;
}

namespace ui {

class InboxModel;

class InboxPanel final : public QWidget {
    Q_OBJECT
public:
    explicit InboxPanel(sandbox::SandboxHost *host, QWidget *parent = nullptr);
    ~InboxPanel() override;

    [[nodiscard]] InboxModel *model() const { return m_model; }
    // The message shown in the detail pane (0: none).
    [[nodiscard]] quint64 currentMessageId() const { return m_currentId; }
    void selectMessage(quint64 id);
    // Requests a link of the current message (what its button does). False when the URL is not
    // the sandbox's (such links are only shown, never requested).
    bool openLink(const QUrl &url);

Q_SIGNALS:
    // A link request finished: the HTTP status (0 on a network error) and the page as text.
    void linkOpened(const QUrl &url, int status, const QString &text);

private:
    QLayout *buildHeader();
    QTreeView *buildList();
    QWidget *buildDetail();
    QWidget *buildCodeBox();
    void showMessage(const sandbox::InboxMessage *message);
    void showCurrent();
    void updateCount();
    void linkFinished(QNetworkReply *reply, const QUrl &url);
    [[nodiscard]] bool isSandboxUrl(const QUrl &url) const;

    QPointer<sandbox::SandboxHost> m_host;
    InboxModel *m_model = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_count = nullptr;
    QPushButton *m_clear = nullptr;
    QTreeView *m_view = nullptr;
    QWidget *m_detail = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_subject = nullptr;
    QLabel *m_meta = nullptr;
    QWidget *m_codeBox = nullptr;
    QLabel *m_code = nullptr;
    QPushButton *m_copyCode = nullptr;
    QWidget *m_linksBox = nullptr;
    QVBoxLayout *m_linksLayout = nullptr;
    QLabel *m_result = nullptr;
    QPlainTextEdit *m_text = nullptr;
    quint64 m_currentId = 0;
};

} // namespace ui
