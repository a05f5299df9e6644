#pragma once

// The Sequence Diagram area: every exchange of the app's exchange log and every browser hop of the
// flow page as a live sequence diagram (SequenceDiagramView over the core's SequenceRecorder), with
// its exports — SVG (the core's toSvg, in the screen's colours), PNG (the view at 2×) and Mermaid
// text on the clipboard. It clears with the exchange log. Clicking an exchange's arrow asks for that
// exchange in the Exchange Log (showExchangeRequested). What is drawn and exported is the core's
// redacted text: never a code, a token or a secret.

#include <QWidget>

class QLabel;
class QPushButton;
class QScrollArea;

namespace oidc::diagram {
class SequenceRecorder;
}

namespace ui {

class SequenceDiagramView;

class SequenceDiagramPanel final : public QWidget {
    Q_OBJECT
public:
    explicit SequenceDiagramPanel(const oidc::diagram::SequenceRecorder &recorder, QWidget *parent = nullptr);

    // What the export buttons write once a file is chosen; false when the file cannot be written.
    bool exportSvg(const QString &path) const;
    bool exportPng(const QString &path) const;

Q_SIGNALS:
    void showExchangeRequested(int recordId);

private:
    void updateSummary();
    void chooseAndExport(const QString &caption, const QString &suffix, bool (SequenceDiagramPanel::*write)(const QString &) const);

    const oidc::diagram::SequenceRecorder &m_recorder;
    SequenceDiagramView *m_view;
    QScrollArea *m_scroll;
    QLabel *m_summary;
    QLabel *m_empty;
    QPushButton *m_svgButton;
    QPushButton *m_pngButton;
    QPushButton *m_mermaidButton;
};

} // namespace ui
