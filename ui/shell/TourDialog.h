#pragma once

// Help ▸ The README's tour: the "A short tour" section of README.md (built into the app as a
// resource, so an installed app has it too), rendered from its Markdown, without the repository's
// pictures.

#include <QDialog>

namespace ui {

class TourDialog final : public QDialog {
    Q_OBJECT
public:
    explicit TourDialog(QWidget *parent = nullptr);

    // The section's Markdown: from its heading to the next second-level heading.
    [[nodiscard]] static QString tourMarkdown();
};

} // namespace ui
