#include "SequenceDiagramPanel.h"

#include "ui/UiText.h"
#include "ui/diagram/SequenceDiagramView.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/Type.h"

#include "oidc/diagram/SequenceGeometry.h"
#include "oidc/diagram/SequenceMermaid.h"
#include "oidc/diagram/SequenceRecorder.h"
#include "oidc/diagram/SequenceSvg.h"

#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>

namespace ui {

using oidc::diagram::Arrow;
using oidc::diagram::SequenceRecorder;

SequenceDiagramPanel::SequenceDiagramPanel(const SequenceRecorder &recorder, QWidget *parent)
    : QWidget(parent)
    , m_recorder(recorder)
    , m_view(new SequenceDiagramView(recorder))
    , m_scroll(new QScrollArea)
    , m_summary(plainLabel(QString()))
    , m_empty(typeLabel(Type::Caption, QStringLiteral("Nothing yet: run the Authorization Code flow or a Descope sign-in, and each "
                                                      "exchange and browser hop appears here as it happens.")))
    , m_svgButton(new QPushButton(QStringLiteral("Export SVG…")))
    , m_pngButton(new QPushButton(QStringLiteral("Export PNG…")))
    , m_mermaidButton(new QPushButton(QStringLiteral("Copy Mermaid")))
{
    setObjectName(QStringLiteral("sequenceDiagramPanel"));
    auto *header = new PanelHeader(Type::Title, QStringLiteral("Sequence Diagram"),
                                   QStringLiteral("The app's exchanges and the browser's hops in order: green 2xx, grey redirects and hops, "
                                                  "red 4xx, 5xx and network errors. Repeated polls are one arrow with a count. Click an "
                                                  "exchange to open it in the Exchange Log. Nothing secret is drawn or exported."));
    m_summary->setObjectName(QStringLiteral("sequenceSummaryLabel"));
    m_empty->setObjectName(QStringLiteral("sequenceEmptyLabel"));
    m_svgButton->setObjectName(QStringLiteral("exportSvgButton"));
    m_pngButton->setObjectName(QStringLiteral("exportPngButton"));
    m_mermaidButton->setObjectName(QStringLiteral("copyMermaidButton"));
    m_mermaidButton->setMinimumWidth(m_mermaidButton->sizeHint().width() + 8);
    m_scroll->setObjectName(QStringLiteral("sequenceScroll"));
    m_scroll->setWidget(m_view);
    m_scroll->setWidgetResizable(false); // the view sizes itself to the diagram
    m_scroll->setBackgroundRole(QPalette::Base);

    layout::attach(this, layout::column({header, layout::row({m_summary, layout::Stretch{}, m_svgButton, m_pngButton, m_mermaidButton}),
                                         m_empty, layout::Item(m_scroll, 1)},
                                        {.margins = QMargins(18, 14, 18, 12), .spacing = 8}));

    connect(m_view, &SequenceDiagramView::exchangeActivated, this, &SequenceDiagramPanel::showExchangeRequested);
    connect(m_svgButton, &QPushButton::clicked, this,
            [this] { chooseAndExport(QStringLiteral("Export the diagram as SVG"), QStringLiteral("svg"), &SequenceDiagramPanel::exportSvg); });
    connect(m_pngButton, &QPushButton::clicked, this,
            [this] { chooseAndExport(QStringLiteral("Export the diagram as PNG"), QStringLiteral("png"), &SequenceDiagramPanel::exportPng); });
    connect(m_mermaidButton, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(oidc::diagram::toMermaid(m_recorder.model()));
        m_mermaidButton->setText(QStringLiteral("Copied"));
        QTimer::singleShot(1200, m_mermaidButton, [button = m_mermaidButton] { button->setText(QStringLiteral("Copy Mermaid")); });
    });
    connect(&recorder, &SequenceRecorder::arrowsAppended, this, [this](int, int last) {
        updateSummary();
        // Follow the newest arrow, as the Exchange Log follows new exchanges (down only: the lanes
        // the user scrolled to stay).
        m_scroll->ensureVisible(m_scroll->horizontalScrollBar()->value(), oidc::diagram::SequenceGeometry::rowTop(last + 1), 0, 0);
    });
    connect(&recorder, &SequenceRecorder::arrowChanged, this, &SequenceDiagramPanel::updateSummary);
    connect(&recorder, &SequenceRecorder::cleared, this, &SequenceDiagramPanel::updateSummary);
    connect(&recorder, &SequenceRecorder::oldestDropped, this, &SequenceDiagramPanel::updateSummary);
    updateSummary();
}

void SequenceDiagramPanel::updateSummary()
{
    const auto &arrows = m_recorder.model().arrows();
    const auto exchanges = std::count_if(arrows.begin(), arrows.end(), [](const Arrow &arrow) { return arrow.kind == Arrow::Kind::Exchange; });
    QString text = QStringLiteral("%1 arrows: %2 exchanges, %3 browser hops")
                       .arg(arrows.size())
                       .arg(exchanges)
                       .arg(static_cast<qsizetype>(arrows.size()) - exchanges);
    if (const int dropped = m_recorder.model().droppedCount(); dropped > 0)
        text += QStringLiteral(" (%1 older dropped)").arg(dropped);
    m_summary->setText(text);
    const bool empty = arrows.empty();
    m_empty->setVisible(empty);
    for (QPushButton *button : {m_svgButton, m_pngButton, m_mermaidButton})
        button->setEnabled(!empty);
}

bool SequenceDiagramPanel::exportSvg(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(oidc::diagram::toSvg(m_recorder.model(), SequenceDiagramView::svgPalette()).toUtf8());
    return file.commit();
}

bool SequenceDiagramPanel::exportPng(const QString &path) const
{
    return m_view->renderImage(2.0).save(path, "PNG");
}

void SequenceDiagramPanel::chooseAndExport(const QString &caption, const QString &suffix,
                                           bool (SequenceDiagramPanel::*write)(const QString &) const)
{
    QString path = QFileDialog::getSaveFileName(this, caption, QStringLiteral("sequence-diagram.") + suffix,
                                                suffix.toUpper() + QStringLiteral(" (*.") + suffix + QLatin1Char(')'));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1Char('.') + suffix, Qt::CaseInsensitive))
        path += QLatin1Char('.') + suffix;
    if (!(this->*write)(path))
        QMessageBox::warning(this, caption, QStringLiteral("Could not write %1.").arg(path));
}

} // namespace ui

#include "moc_SequenceDiagramPanel.cpp"
