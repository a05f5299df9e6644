#include "AlgorithmAllowList.h"

#include "ui/UiText.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>

#include <algorithm>

namespace ui {

using oidc::crypto::AlgorithmFamily;
using oidc::crypto::JwsAlgorithm;

namespace {

QString familyTitle(AlgorithmFamily family)
{
    switch (family) {
    case AlgorithmFamily::Hmac: return QStringLiteral("HMAC (shared secret)");
    case AlgorithmFamily::RsaPkcs1: return QStringLiteral("RSA PKCS#1 v1.5");
    case AlgorithmFamily::RsaPss: return QStringLiteral("RSA-PSS");
    case AlgorithmFamily::Ecdsa: return QStringLiteral("ECDSA");
    case AlgorithmFamily::EdDsa: return QStringLiteral("EdDSA");
    case AlgorithmFamily::None: return QStringLiteral("none");
    }
    return {};
}

} // namespace

AlgorithmAllowList::AlgorithmAllowList(QWidget *parent)
    : QWidget(parent)
    , m_allowUnsigned(new QCheckBox(QStringLiteral("Allow unsigned tokens (alg \"none\")")))
{
    setObjectName(QStringLiteral("algorithmAllowList"));
    // One row per family, its algorithms side by side.
    auto *grid = new QGridLayout(this);
    grid->setHorizontalSpacing(14);
    grid->setVerticalSpacing(4);
    std::vector<AlgorithmFamily> families;
    for (const JwsAlgorithm algorithm : oidc::crypto::supportedAlgorithms()) {
        const AlgorithmFamily family = oidc::crypto::algorithmFamily(algorithm);
        const auto found = std::find(families.begin(), families.end(), family);
        const int row = static_cast<int>(found - families.begin());
        if (found == families.end()) {
            families.push_back(family);
            grid->addWidget(plainLabel(familyTitle(family)), row, 0);
        }
        const int column = 1 + static_cast<int>(std::count_if(m_checks.begin(), m_checks.end(), [family](const auto &entry) {
                               return oidc::crypto::algorithmFamily(entry.first) == family;
                           }));
        const QString name = qs(oidc::crypto::jwsAlgorithmName(algorithm));
        auto *check = new QCheckBox(name);
        check->setObjectName(QStringLiteral("alg_") + name);
        // Default: every asymmetric algorithm; HMAC only when asked for (RFC 8725 §3.1).
        check->setChecked(family != AlgorithmFamily::Hmac);
        grid->addWidget(check, row, column);
        m_checks.emplace_back(algorithm, check);
        connect(check, &QCheckBox::toggled, this, &AlgorithmAllowList::changed);
    }
    const int next = static_cast<int>(families.size());
    m_allowUnsigned->setObjectName(QStringLiteral("allowUnsignedCheck"));
    connect(m_allowUnsigned, &QCheckBox::toggled, this, &AlgorithmAllowList::changed);
    grid->addWidget(m_allowUnsigned, next, 0, 1, 4);
    grid->setColumnStretch(4, 1);
    grid->setRowStretch(next + 1, 1);
}

oidc::jwt::SignaturePolicy AlgorithmAllowList::policy() const
{
    oidc::jwt::SignaturePolicy policy;
    for (const auto &[algorithm, check] : m_checks)
        if (check->isChecked())
            policy.allowedAlgorithms.push_back(algorithm);
    if (policy.allowedAlgorithms.empty())
        // An empty list means "every asymmetric algorithm" to the core; nothing ticked means
        // nothing allowed, which "none" alone expresses (only reachable with unsigned allowed).
        policy.allowedAlgorithms.push_back(JwsAlgorithm::None);
    policy.allowUnsigned = m_allowUnsigned->isChecked();
    return policy;
}

bool AlgorithmAllowList::allowsAny() const
{
    return allowsUnsigned() || std::any_of(m_checks.begin(), m_checks.end(), [](const auto &entry) { return entry.second->isChecked(); });
}

bool AlgorithmAllowList::allowsUnsigned() const
{
    return m_allowUnsigned->isChecked();
}

} // namespace ui

#include "moc_AlgorithmAllowList.cpp"
