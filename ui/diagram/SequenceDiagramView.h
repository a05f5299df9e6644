#pragma once

// The live sequence diagram: the core's SequenceModel (through its SequenceRecorder) painted as
// SequenceGeometry lays it out, the same places the SVG export uses. It follows the recorder
// incrementally: a new arrow grows the widget and repaints its row, a poll more repaints one row,
// only new lanes or dropped arrows repaint everything; a paint draws only the exposed rows.
// Arrows are coloured with the app's tone colours (passColor, mutedColor, failColor); clicking an
// exchange's arrow asks for that exchange (exchangeActivated), hovering one shows its text.

#include <QWidget>

class QImage;
class QPainter;

namespace oidc::diagram {
class SequenceRecorder;
struct SvgPalette;
} // namespace oidc::diagram

namespace ui {

class SequenceDiagramView final : public QWidget {
    Q_OBJECT
public:
    explicit SequenceDiagramView(const oidc::diagram::SequenceRecorder &recorder, QWidget *parent = nullptr);

    QSize sizeHint() const override;
    // The arrow drawn at `position` (its row, between its lanes), or -1.
    [[nodiscard]] int arrowAt(const QPoint &position) const;
    // The whole diagram at `scale` × its size, for the PNG export.
    [[nodiscard]] QImage renderImage(qreal scale) const;
    // The screen's arrow colours, for the SVG export.
    [[nodiscard]] static oidc::diagram::SvgPalette svgPalette();

Q_SIGNALS:
    void exchangeActivated(int recordId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    void relayout();
    void onArrowsAppended(int first);
    void updateRows(int first, int last);
    void paintDiagram(QPainter &painter, const QRect &exposed) const;
    void paintLanes(QPainter &painter, const QRect &exposed) const;
    void paintArrow(QPainter &painter, int row) const;

    const oidc::diagram::SequenceRecorder &m_recorder;
};

} // namespace ui
