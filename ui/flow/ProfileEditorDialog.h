#pragma once

// Add, edit, duplicate and remove provider profiles: a Descope project (project ID → base URL by
// the regional rule, or a custom domain), any OIDC issuer (discovery), or endpoints typed by hand.
// "Check" fetches the metadata as the flow will, so an issuer mismatch (refused by the core,
// rp-checks K1) shows here, as plain text. Edits are saved when another profile is selected and
// on Close; client secrets stay in memory only, as the note beside the field says.

#include "oidc/flow/ProviderProfile.h"
#include "oidc/net/Http.h"

#include <QDialog>

class QComboBox;
class QLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace ui {

class AppContext;
class ClientAuthCombo;

class ProfileEditorDialog final : public QDialog {
    Q_OBJECT
public:
    explicit ProfileEditorDialog(AppContext &context, const QString &selectId = {}, QWidget *parent = nullptr);
    ~ProfileEditorDialog() override;

    [[nodiscard]] QString currentId() const { return m_currentId; }
    void selectProfile(const QString &id);
    // The form as a profile (what Save would write).
    [[nodiscard]] oidc::flow::ProviderProfile formProfile() const;
    void save();

Q_SIGNALS:
    void checkFinished(bool ok);

private:
    QLayout *buildForm();
    void buildKindPages();
    void connectForm();
    void connectListButtons();
    void reloadList();
    void loadForm(const oidc::flow::ProviderProfile &profile);
    void updateKind();
    void updateDerived();
    void check();

    AppContext &m_context;
    QString m_currentId;
    bool m_loading = false;
    oidc::net::RequestHandle m_checkHandle;
    quint64 m_checkSerial = 0;

    QListWidget *m_list;
    QPushButton *m_addButton;
    QPushButton *m_duplicateButton;
    QPushButton *m_removeButton;
    QLineEdit *m_name;
    QComboBox *m_kind;
    QLabel *m_sandboxNote;
    QStackedWidget *m_kindPages;
    QLineEdit *m_issuer;
    QLineEdit *m_project;
    QLineEdit *m_customDomain;
    QLabel *m_derived;
    QLineEdit *m_manualIssuer;
    QLineEdit *m_manualAuthorization;
    QLineEdit *m_manualToken;
    QLineEdit *m_manualUserinfo;
    QLineEdit *m_manualJwks;
    QLineEdit *m_manualRevocation;
    QLineEdit *m_manualEndSession;
    QLineEdit *m_clientId;
    QLineEdit *m_clientSecret;
    ClientAuthCombo *m_auth;
    QPushButton *m_checkButton;
    QLabel *m_checkResult;
    QLabel *m_warnings;
    QLabel *m_resolvedUrls; // the URLs with their `{{variables}}` substituted, when they hold one
};

} // namespace ui
