#pragma once

// The ceremony inspector of the Passkeys area, side by side: on the left the options start
// returned (challenge, rp, user, pubKeyCredParams, authenticatorSelection, exclude/allowCredentials,
// timeout) and the origin the authenticator signed for; on the right the response decoded byte
// by byte by the core's CeremonyView (clientDataJSON with its type, challenge and origin; the
// authenticator data with rpIdHash, every flag, signCount, AAGUID, credential ID and the COSE key
// also as a JWK; the attestation; the assertion's signature). It only shows data: nothing is
// decoded or checked here. Object names: ceremonyOptions, ceremonyResponse, ceremonyCaption.

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace ui {

struct PasskeyCeremonyRecord;

class PasskeyCeremonyInspector final : public QWidget {
    Q_OBJECT
public:
    explicit PasskeyCeremonyInspector(QWidget *parent = nullptr);

    void showCeremony(const PasskeyCeremonyRecord &ceremony);
    void clear();

private:
    QLabel *m_caption;
    QPlainTextEdit *m_options;
    QPlainTextEdit *m_response;
};

} // namespace ui
