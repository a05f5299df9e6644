#include "PasskeyCeremonyInspector.h"

#include "ui/UiText.h"
#include "ui/descope/PasskeyRun.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ReadOnlyText.h"
#include "ui/widgets/Type.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>

namespace ui {

namespace {

QWidget *titled(const QString &title, QWidget *content)
{
    return layout::widget(layout::column({typeLabel(Type::Section, title), layout::Item(content, 1)}, {.margins = layout::kFlush, .spacing = 4}));
}

} // namespace

PasskeyCeremonyInspector::PasskeyCeremonyInspector(QWidget *parent)
    : QWidget(parent)
    , m_caption(typeLabel(Type::Caption))
    , m_options(readOnlyText(QStringLiteral("ceremonyOptions"), QStringLiteral("The options of the next ceremony's start appear here.")))
    , m_response(readOnlyText(QStringLiteral("ceremonyResponse"), QStringLiteral("The authenticator's response, decoded, appears here.")))
{
    m_caption->setObjectName(QStringLiteral("ceremonyCaption"));
    m_caption->setTextFormat(Qt::PlainText);
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(titled(QStringLiteral("Options (from start)"), m_options));
    splitter->addWidget(titled(QStringLiteral("Response (to finish), decoded"), m_response));
    layout::attach(this, layout::column({m_caption, layout::Item(splitter, 1)}, {.margins = QMargins(6, 6, 6, 6), .spacing = 6}));
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
}

void PasskeyCeremonyInspector::clear()
{
    m_caption->setText(QStringLiteral("No ceremony yet."));
    m_options->clear();
    m_response->clear();
}

} // namespace ui
