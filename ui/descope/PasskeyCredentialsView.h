#pragma once

// The software authenticator's credentials as the Passkeys area lists them: ID (base64url), RP
// ID, algorithm (ES256, EdDSA, RS256), signature counter, user handle (base64url) and user name,
// and the file they live in. The selected row is the credential that signs the next sign-in (as a
// person picks an account in the browser's chooser); with none selected, the authenticator picks
// (the newest the server allows). "Delete" removes the selected credential from the file.
// Object names: authenticatorFile, credentialsTable, deleteCredentialButton.

#include "oidc/webauthn/SoftwareAuthenticator.h"

#include <QByteArray>
#include <QWidget>

#include <string>
#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace ui {

class PasskeyCredentialsView final : public QWidget {
    Q_OBJECT
public:
    explicit PasskeyCredentialsView(QWidget *parent = nullptr);

    void setFile(const QString &path, const QString &problem);
    // Keeps the selection on the same credential when it is still there.
    void setCredentials(const std::vector<oidc::webauthn::SoftwareCredential> &credentials);
    // The raw ID of the selected credential; empty without a selection.
    [[nodiscard]] std::string selectedId() const;
    void setEditable(bool editable);

Q_SIGNALS:
    void deleteRequested(const QByteArray &credentialId);

private:
    void updateButtons();

    QLabel *m_file;
    QTableWidget *m_table;
    QPushButton *m_delete;
    bool m_editable = true;
};

} // namespace ui
