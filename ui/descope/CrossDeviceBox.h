#pragma once

// Cross-device enchanted links: the email reached this computer, the user signs in on a phone.
// The link from the email, pasted here, is shown as a QR code; the phone's camera opens it, the
// link's page verifies it (POST enchantedlink/verify), and the next poll here gets the session.
// "Open here" does what the link's page does, from this app, for a link whose page is not
// reachable (a local redirect URI). For a real project's email: the sandbox's links point at
// 127.0.0.1, which a phone cannot open, so on the sandbox the panel's inbox is the way.

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ui {

class QrCodeView;

class CrossDeviceBox final : public QWidget {
    Q_OBJECT
public:
    explicit CrossDeviceBox(QWidget *parent = nullptr);

    [[nodiscard]] QString link() const;
    void clear();

Q_SIGNALS:
    // "Open here": verify this link (or bare token) as its page would.
    void openRequested(const QString &link);

private:
    void showLink(const QString &text);

    QLineEdit *m_link;
    QrCodeView *m_qr;
    QLabel *m_note;
    QPushButton *m_open;
};

} // namespace ui
