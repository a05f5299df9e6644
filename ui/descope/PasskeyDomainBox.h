#pragma once

// The passkey domain of a real Descope project, shown before a ceremony starts (issue 10): the
// RP ID the passkeys belong to — the domain the project's passkey settings name — which the
// software authenticator claims (it sends https://<domain> as the start's origin and signs for
// it). It starts from the project's base URL (the core's defaultPasskeyDomain: a custom domain's
// host, else "localhost") and can be edited. Beside it, in the core's words
// (localhostCeremonyFor), whether a browser ceremony served from http://localhost can use that
// domain: only "localhost" can, while the software authenticator can claim any RP ID.
// Hidden on the sandbox, whose RP ID is always localhost. Object names: passkeyDomainBox,
// passkeyDomainEdit, passkeyDomainNote.

#include "oidc/Result.h"

#include <QWidget>

#include <optional>
#include <string>

class QLabel;
class QLineEdit;

namespace ui {

class DescopeContext;

class PasskeyDomainBox final : public QWidget {
    Q_OBJECT
public:
    explicit PasskeyDomainBox(DescopeContext &context, QWidget *parent = nullptr);

    // The origin a ceremony on a real project claims (https://<domain>); nullopt on the sandbox
    // (its start needs none); the domain's error when what was typed is not a host name.
    [[nodiscard]] std::optional<oidc::Result<std::string>> origin() const;

private:
    void followProject();
    void explain();

    DescopeContext &m_context;
    QLineEdit *m_domain;
    QLabel *m_note;
};

} // namespace ui
