#include "PasskeyCeremonyInspector.h"

#include "ui/UiText.h"
#include "ui/descope/PasskeyRun.h"
#include "ui/descope/PasskeyVerdictView.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ReadOnlyText.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include "oidc/webauthn/CeremonyComparison.h"
#include "oidc/webauthn/CeremonyOptionsView.h"

#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>

namespace ui {

namespace webauthn = oidc::webauthn;

namespace {

QWidget *titledPane(const QString &title, QWidget *content, QWidget *under = nullptr)
{
    const layout::Box box{.margins = layout::kFlush, .spacing = 4};
    if (under)
        return layout::widget(layout::column({typeLabel(Type::Section, title), under, layout::Item(content, 1)}, box));
    return layout::widget(layout::column({typeLabel(Type::Section, title), layout::Item(content, 1)}, box));
}

QTreeWidget *fieldTree(const QString &name, int fieldWidth)
{
    auto *tree = new QTreeWidget;
    tree->setObjectName(name);
    tree->setColumnCount(2);
    tree->setHeaderLabels({QStringLiteral("Field"), QStringLiteral("Value")});
    tree->setUniformRowHeights(true);
    tree->setWordWrap(false);
    tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    tree->setColumnWidth(0, fieldWidth);
    tree->setSelectionMode(QAbstractItemView::SingleSelection);
    return tree;
}

// A row under `parent`; the value's full text is also its tooltip (hex strings are long).
QTreeWidgetItem *row(QTreeWidgetItem *parent, const QString &field, const QString &value = {})
{
    auto *item = new QTreeWidgetItem(parent, {field, value});
    item->setToolTip(1, value);
    return item;
}

QTreeWidgetItem *topRow(QTreeWidget *tree, const QString &field, const QString &value = {})
{
    auto *item = new QTreeWidgetItem(tree, {field, value});
    item->setToolTip(1, value);
    return item;
}

QString bytesText(const webauthn::ByteString &bytes, bool hex = false)
{
    return QStringLiteral("%1  (%2 bytes)").arg(qs(hex ? bytes.hex() : bytes.base64Url())).arg(bytes.raw.size());
}

// A comparison's line in its tone: ✔ matches / ✘ what was expected.
QTreeWidgetItem *verdictRow(QTreeWidgetItem *parent, const QString &field, bool matches, const QString &good, const QString &bad)
{
    QTreeWidgetItem *item = row(parent, field, matches ? QStringLiteral("✔ ") + good : QStringLiteral("✘ ") + bad);
    item->setForeground(1, matches ? passColor() : failColor());
    return item;
}

QString orDash(const std::string &text)
{
    return text.empty() ? QStringLiteral("—") : qs(text);
}

void fillOptions(QTreeWidget *tree, const webauthn::CeremonyOptionsView &options, const std::string &origin)
{
    const bool create = options.kind == webauthn::CeremonyKind::Registration;
    topRow(tree, QStringLiteral("ceremony"), create ? QStringLiteral("registration (navigator.credentials.create)")
                                                    : QStringLiteral("assertion (navigator.credentials.get)"));
    topRow(tree, QStringLiteral("challenge"), bytesText(options.challenge));
    if (create) {
        QTreeWidgetItem *rp = topRow(tree, QStringLiteral("rp"));
        row(rp, QStringLiteral("id"), orDash(options.rpId));
        row(rp, QStringLiteral("name"), orDash(options.rpName));
        QTreeWidgetItem *user = topRow(tree, QStringLiteral("user"));
        if (options.userId)
            row(user, QStringLiteral("id (user handle)"), bytesText(*options.userId));
        row(user, QStringLiteral("name"), orDash(options.userName));
        row(user, QStringLiteral("displayName"), orDash(options.userDisplayName));
        QTreeWidgetItem *params = topRow(tree, QStringLiteral("pubKeyCredParams"), QStringLiteral("%1 offered").arg(options.pubKeyCredParams.size()));
        for (const webauthn::CredentialParameterView &parameter : options.pubKeyCredParams)
            row(params, qs(parameter.type), QStringLiteral("%1 (%2)").arg(parameter.algorithm.empty() ? QStringLiteral("unknown here") : qs(parameter.algorithm))
                                              .arg(parameter.alg));
        QTreeWidgetItem *selection = topRow(tree, QStringLiteral("authenticatorSelection"));
        row(selection, QStringLiteral("authenticatorAttachment"), orDash(options.authenticatorAttachment));
        row(selection, QStringLiteral("residentKey"), orDash(options.residentKey));
        row(selection, QStringLiteral("userVerification"), orDash(options.userVerification));
        topRow(tree, QStringLiteral("attestation"), orDash(options.attestation));
    } else {
        topRow(tree, QStringLiteral("rpId"), orDash(options.rpId));
        topRow(tree, QStringLiteral("userVerification"), orDash(options.userVerification));
    }
    QTreeWidgetItem *credentials = topRow(tree, create ? QStringLiteral("excludeCredentials") : QStringLiteral("allowCredentials"),
                                          options.credentials.empty() ? QStringLiteral("none") : QStringLiteral("%1").arg(options.credentials.size()));
    for (const webauthn::CredentialDescriptorView &descriptor : options.credentials)
        row(credentials, QStringLiteral("id"),
            bytesText(descriptor.id) + (descriptor.transports.empty() ? QString() : QStringLiteral(" · ") + qs(oidc::Json(descriptor.transports).dump())));
    topRow(tree, QStringLiteral("timeout"), options.timeoutMs ? QStringLiteral("%1 ms").arg(*options.timeoutMs) : QStringLiteral("—"));
    topRow(tree, QStringLiteral("origin signed for"), qs(origin));
}

void fillCoseKey(QTreeWidgetItem *parent, const webauthn::CoseKeyView &key)
{
    QTreeWidgetItem *item = row(parent, QStringLiteral("credentialPublicKey"), QStringLiteral("%1 · COSE_Key %2 bytes").arg(qs(key.algorithm)).arg(key.encoded.raw.size()));
    QTreeWidgetItem *members = row(item, QStringLiteral("COSE members"));
    for (const webauthn::CoseKeyMember &member : key.members) {
        QString value;
        if (member.number)
            value = QString::number(*member.number) + (member.meaning.empty() ? QString() : QStringLiteral(" (%1)").arg(qs(member.meaning)));
        else if (member.bytes)
            value = bytesText(*member.bytes);
        row(members, QStringLiteral("%1 (label %2)").arg(qs(member.name)).arg(member.label), value);
    }
    row(item, QStringLiteral("as a JWK"), qs(key.jwk.dump()));
}

void fillResponse(QTreeWidget *tree, const webauthn::CeremonyView &view, const webauthn::CeremonyComparison &comparison)
{
    const bool create = view.kind == webauthn::CeremonyKind::Registration;
    topRow(tree, QStringLiteral("credential ID"), bytesText(view.credentialId));

    const webauthn::ClientDataView &client = view.clientData;
    QTreeWidgetItem *clientData = topRow(tree, QStringLiteral("clientDataJSON"), QStringLiteral("%1 bytes").arg(client.bytes.raw.size()));
    QTreeWidgetItem *type = row(clientData, QStringLiteral("type"), qs(client.type));
    verdictRow(type, QStringLiteral("expected"), comparison.typeMatches, QStringLiteral("is %1").arg(qs(comparison.expectedType)),
               QStringLiteral("expected %1").arg(qs(comparison.expectedType)));
    QTreeWidgetItem *challenge = row(clientData, QStringLiteral("challenge"), bytesText(client.challenge));
    verdictRow(challenge, QStringLiteral("the options' challenge"), comparison.challengeMatches, QStringLiteral("the same"),
               QStringLiteral("differs: the options' is %1").arg(qs(comparison.expectedChallenge.base64Url())));
    QTreeWidgetItem *origin = row(clientData, QStringLiteral("origin"), qs(client.origin));
    // Open where a comparison failed, so the line that says why is in sight.
    clientData->setExpanded(!comparison.typeMatches || !comparison.challengeMatches || !comparison.originMatches);
    type->setExpanded(!comparison.typeMatches);
    challenge->setExpanded(!comparison.challengeMatches);
    origin->setExpanded(!comparison.originMatches);
    verdictRow(origin, QStringLiteral("expected origin"), comparison.originMatches, QStringLiteral("is %1").arg(qs(comparison.expectedOrigin)),
               QStringLiteral("expected %1").arg(qs(comparison.expectedOrigin)));
    row(clientData, QStringLiteral("crossOrigin"), client.crossOrigin ? QStringLiteral("true") : QStringLiteral("false"));
    row(clientData, QStringLiteral("SHA-256 (signed after authData)"), bytesText(client.hash, true));
    row(clientData, QStringLiteral("text"), qs(client.text));

    const webauthn::AuthenticatorDataView &authData = view.authenticatorData;
    QTreeWidgetItem *data = topRow(tree, QStringLiteral("authenticatorData"), QStringLiteral("%1 bytes").arg(authData.bytes.raw.size()));
    row(data, QStringLiteral("rpIdHash"), qs(authData.rpIdHash.hex()));
    row(data, QStringLiteral("SHA-256(\"%1\")").arg(qs(comparison.rpId)), qs(comparison.expectedRpIdHash.hex()));
    verdictRow(data, QStringLiteral("rpIdHash verdict"), comparison.rpIdHashMatches, QStringLiteral("match"), QStringLiteral("mismatch"));
    QStringList set;
    for (const webauthn::FlagView &flag : authData.flags.spelledOut())
        if (flag.set)
            set << qs(flag.name);
    QTreeWidgetItem *flags = row(data, QStringLiteral("flags"),
                                 QStringLiteral("0x%1: %2").arg(authData.flags.value, 2, 16, QLatin1Char('0')).arg(set.isEmpty() ? QStringLiteral("none") : set.join(QStringLiteral(", "))));
    for (const webauthn::FlagView &flag : authData.flags.spelledOut()) {
        QTreeWidgetItem *item = row(flags, QStringLiteral("%1 (%2)").arg(qs(flag.name), qs(flag.title)),
                                    (flag.set ? QStringLiteral("set — ") : QStringLiteral("clear — ")) + qs(flag.meaning));
        if (!flag.set)
            item->setForeground(1, mutedColor());
    }
    flags->setExpanded(true);
    row(data, QStringLiteral("signCount"), QString::number(authData.signCount));
    if (authData.aaguid)
        row(data, QStringLiteral("AAGUID"), bytesText(*authData.aaguid, true));
    if (authData.credentialId)
        row(data, QStringLiteral("credential ID"), bytesText(*authData.credentialId));
    if (authData.credentialPublicKey)
        fillCoseKey(data, *authData.credentialPublicKey);
    if (authData.extensions)
        row(data, QStringLiteral("extensions (CBOR)"), bytesText(*authData.extensions, true));
    row(data, QStringLiteral("bytes"), bytesText(authData.bytes, true));
    data->setExpanded(true);

    if (create && view.attestation) {
        const webauthn::AttestationView &attestation = *view.attestation;
        QTreeWidgetItem *item = topRow(tree, QStringLiteral("attestation"),
                                       QStringLiteral("fmt %1%2").arg(qs(attestation.fmt), attestation.kind.empty() ? QString() : QStringLiteral(" (%1)").arg(qs(attestation.kind))));
        row(item, QStringLiteral("fmt"), qs(attestation.fmt));
        if (attestation.alg)
            row(item, QStringLiteral("attStmt.alg"), QStringLiteral("%1 (%2)").arg(*attestation.alg).arg(orDash(attestation.algorithm)));
        if (attestation.signature)
            row(item, QStringLiteral("attStmt.sig"), bytesText(*attestation.signature, true));
        for (const webauthn::ByteString &certificate : attestation.certificates)
            row(item, QStringLiteral("attStmt.x5c (DER)"), bytesText(certificate));
        if (view.transports.size())
            row(item, QStringLiteral("transports"), qs(oidc::Json(view.transports).dump()));
        item->setExpanded(true);
    }
    if (view.signature)
        topRow(tree, QStringLiteral("signature"), bytesText(*view.signature, true));
    if (view.userHandle)
        topRow(tree, QStringLiteral("userHandle"), bytesText(*view.userHandle));
}

} // namespace

PasskeyCeremonyInspector::PasskeyCeremonyInspector(QWidget *parent)
    : QWidget(parent)
    , m_caption(typeLabel(Type::Caption))
    , m_tabs(new QTabWidget)
    , m_optionsTree(fieldTree(QStringLiteral("ceremonyOptionsTree"), 150))
    , m_responseTree(fieldTree(QStringLiteral("ceremonyResponseTree"), 215))
    , m_hashMatch(toneLabel(QStringLiteral("ceremonyHashMatch"), Tone::Neutral))
    , m_verdict(new PasskeyVerdictView)
    , m_options(readOnlyText(QStringLiteral("ceremonyOptions"), QStringLiteral("The options of the next ceremony's start appear here.")))
    , m_response(readOnlyText(QStringLiteral("ceremonyResponse"), QStringLiteral("The authenticator's response, decoded, appears here.")))
{
    m_caption->setObjectName(QStringLiteral("ceremonyCaption"));
    m_caption->setTextFormat(Qt::PlainText);
    m_tabs->setObjectName(QStringLiteral("ceremonyTabs"));

    auto *sideBySide = new QSplitter(Qt::Horizontal);
    sideBySide->setChildrenCollapsible(false);
    sideBySide->addWidget(titledPane(QStringLiteral("Options (from start), decoded"), m_optionsTree));
    sideBySide->addWidget(titledPane(QStringLiteral("Response (to finish), decoded"), m_responseTree, m_hashMatch));
    sideBySide->setSizes({400, 600});
    auto *decoded = new QSplitter(Qt::Vertical);
    decoded->setChildrenCollapsible(false);
    decoded->addWidget(sideBySide);
    // The verdict pane holds a whole SessionView: it scrolls rather than squeeze the decoded trees.
    auto *verdictScroll = new QScrollArea;
    verdictScroll->setObjectName(QStringLiteral("ceremonyVerdictScroll"));
    verdictScroll->setWidgetResizable(true);
    verdictScroll->setFrameShape(QFrame::NoFrame);
    verdictScroll->setWidget(m_verdict);
    decoded->addWidget(verdictScroll);
    decoded->setStretchFactor(0, 3);
    decoded->setStretchFactor(1, 2);
    decoded->setSizes({460, 140});
    m_tabs->addTab(decoded, QStringLiteral("Decoded"));

    auto *raw = new QSplitter(Qt::Horizontal);
    raw->setChildrenCollapsible(false);
    raw->addWidget(titledPane(QStringLiteral("Options (from start)"), m_options));
    raw->addWidget(titledPane(QStringLiteral("Response (to finish), decoded as JSON"), m_response));
    m_tabs->addTab(raw, QStringLiteral("Raw JSON"));

    layout::attach(this, layout::column({m_caption, layout::Item(m_tabs, 1)}, {.margins = QMargins(6, 6, 6, 6), .spacing = 6}));
    connect(m_verdict, &PasskeyVerdictView::openInInspector, this, &PasskeyCeremonyInspector::openInInspector);
    clear();
}

void PasskeyCeremonyInspector::showCeremony(const PasskeyCeremonyRecord &ceremony)
{
    m_caption->setText(QStringLiteral("%1 · signed for the origin %2")
                           .arg(ceremony.create ? QStringLiteral("Registration (navigator.credentials.create)")
                                                : QStringLiteral("Assertion (navigator.credentials.get)"),
                                qs(ceremony.origin)));
    const oidc::Json options = oidc::Json::parse(ceremony.options, nullptr, false);
    m_options->setPlainText(options.is_discarded() ? qs(ceremony.options) : qs(options.dump(2)));
    m_response->setPlainText(ceremony.decoded.is_null() ? QString() : qs(ceremony.decoded.dump(2)));

    m_optionsTree->clear();
    m_responseTree->clear();
    const auto optionsView = webauthn::describeOptions(ceremony.options);
    if (optionsView)
        fillOptions(m_optionsTree, *optionsView, ceremony.origin);
    else
        topRow(m_optionsTree, QStringLiteral("not decoded"), errorText(optionsView.error()));
    if (!ceremony.view || !optionsView) {
        const bool refused = ceremony.decoded.is_object() && ceremony.decoded.contains("error");
        topRow(m_responseTree, QStringLiteral("no response"),
               refused ? qs(ceremony.decoded["error"].value("code", std::string())) + QStringLiteral(": ") + qs(ceremony.decoded["error"].value("message", std::string()))
                       : QStringLiteral("the authenticator produced none"));
        m_hashMatch->hide();
        m_verdict->showComparisons({});
        return;
    }
    const webauthn::CeremonyComparison comparison = webauthn::compareCeremony(*ceremony.view, *optionsView, ceremony.origin);
    fillResponse(m_responseTree, *ceremony.view, comparison);
    m_hashMatch->setText(comparison.rpIdHashMatches
                             ? QStringLiteral("✔ rpIdHash matches SHA-256(\"%1\")").arg(qs(comparison.rpId))
                             : QStringLiteral("✘ rpIdHash does not match SHA-256(\"%1\"): the authenticator hashed another RP ID").arg(qs(comparison.rpId)));
    updateTone(m_hashMatch, comparison.rpIdHashMatches ? Tone::Good : Tone::Bad);
    m_hashMatch->show();
    m_verdict->showComparisons(comparison.checks);
}

void PasskeyCeremonyInspector::showOutcome(const QString &what, const oidc::descope::SessionOutcome &outcome)
{
    m_verdict->showOutcome(what, outcome);
}

void PasskeyCeremonyInspector::showDeviceAdded()
{
    m_verdict->showDeviceAdded();
}

void PasskeyCeremonyInspector::clear()
{
    m_caption->setText(QStringLiteral("No ceremony yet."));
    m_options->clear();
    m_response->clear();
    m_optionsTree->clear();
    m_responseTree->clear();
    m_hashMatch->hide();
    m_verdict->clear();
}

} // namespace ui

#include "moc_PasskeyCeremonyInspector.cpp"
