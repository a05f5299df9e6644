#pragma once

// PKCE generator (RFC 7636): a fresh code_verifier and its code_challenge, with state and nonce,
// and the S256 computation shown step by step for any verifier the user types. All randomness and
// hashing runs off the GUI thread (oidc::runOffThread); only the newest request's result shows.

#include "oidc/Pkce.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace ui {

class CopyableField;

class PkceGeneratorPanel final : public QWidget {
    Q_OBJECT
public:
    explicit PkceGeneratorPanel(QWidget *parent = nullptr);

    // What a worker computes: plain values, copied across threads.
    struct Generated final {
        QString verifier;
        QString state;
        QString nonce;
        QString error; // set when generation failed (error summary)
    };
    struct Steps final {
        QString generatedChallenge; // challenge of the generated verifier, for the chosen method
        QString verifier;           // the verifier the steps are about
        QString validationError;    // empty when the verifier follows RFC 7636 §4.1
        QString sha256Hex;          // SHA-256 of its ASCII bytes, hex (S256 only)
        QString challenge;          // the resulting code_challenge
    };

    [[nodiscard]] oidc::PkceMethod method() const;

public Q_SLOTS:
    void regenerate();

Q_SIGNALS:
    void valuesChanged(); // generated values (or the steps) were updated

private:
    QWidget *buildParameters();
    QWidget *buildGeneratedValues();
    QWidget *buildSteps();
    void applyGenerated(const Generated &generated);
    void recomputeSteps();
    void applySteps(const Steps &steps);
    void updateMethodWarning();
    void updateRequestParameters();

    QComboBox *m_methodCombo;
    QSpinBox *m_lengthSpin;
    QPushButton *m_regenerateButton;
    QLabel *m_plainWarning;
    QLabel *m_generationError;
    CopyableField *m_verifierField;
    CopyableField *m_challengeField;
    CopyableField *m_methodValue;
    CopyableField *m_stateField;
    CopyableField *m_nonceField;
    CopyableField *m_requestField;
    QLineEdit *m_ownVerifierEdit;
    QLabel *m_ownLengthLabel;
    QLabel *m_verifierStatus;
    QLabel *m_hashCaption;
    QLineEdit *m_sha256Edit;
    QLabel *m_challengeCaption;
    QLineEdit *m_computedChallengeEdit;

    QString m_generatedVerifier;
    // Bump on every request: a result of an older one is dropped.
    quint64 m_generateSerial = 0;
    quint64 m_stepsSerial = 0;
};

} // namespace ui
