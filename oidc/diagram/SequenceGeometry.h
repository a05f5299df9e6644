#pragma once

// Where the parts of a sequence diagram go, in pixels: one place for the SVG renderer and the
// GUI's view, so an exported picture looks like the screen and a click finds what is drawn there.
// Lanes are columns (SequenceModel::columns()); arrows are rows, one per arrow in model order, with
// two lines of text above each (the label, then the request and its result). A gutter on the left
// holds the exchange log's record number.

namespace oidc::diagram {

struct SequenceGeometry final {
    static constexpr int kMargin = 16;
    static constexpr int kGutter = 56;        // "#12", "#12–25"
    static constexpr int kLaneSpacing = 200;  // between two lifelines
    static constexpr int kLaneBoxWidth = 172;
    static constexpr int kHeaderHeight = 44;  // a lane's box: its role, then its host
    static constexpr int kRowHeight = 48;
    static constexpr int kLabelAbove = 24;    // the label's baseline above the arrow
    static constexpr int kDetailAbove = 8;    // the request's baseline above the arrow
    static constexpr int kHeadLength = 9;
    static constexpr int kHeadHalfWidth = 4;
    static constexpr int kFontPixels = 11;

    [[nodiscard]] static constexpr int laneX(int column) { return kMargin + kGutter + kLaneSpacing / 2 + column * kLaneSpacing; }
    // The y of row `row`'s arrow.
    [[nodiscard]] static constexpr int arrowY(int row) { return kMargin + kHeaderHeight + (row + 1) * kRowHeight; }
    // Row `row` spans [rowTop(row), rowTop(row + 1)).
    [[nodiscard]] static constexpr int rowTop(int row) { return arrowY(row) - kRowHeight + kDetailAbove; }
    // The row at `y` (may be out of range: compare with the arrow count).
    [[nodiscard]] static constexpr int rowAt(int y)
    {
        const int offset = y - rowTop(0);
        return offset < 0 ? -1 : offset / kRowHeight;
    }
    [[nodiscard]] static constexpr int width(int columns) { return 2 * kMargin + kGutter + (columns > 0 ? columns : 1) * kLaneSpacing; }
    [[nodiscard]] static constexpr int height(int rows) { return rowTop(rows) + kMargin; }
};

} // namespace oidc::diagram
