#pragma once

// Loads the embedded-browser plugin on first use. Start-up never loads it.

#include "ui/browser/EmbeddedBrowser.h"

#include <QString>

namespace ui {

class BrowserLoader final {
public:
    // The factory, loading the plugin the first time; nullptr with `error` set when unavailable
    // (built without WebEngine, plugin missing, or WebEngine failing to start).
    [[nodiscard]] static EmbeddedBrowserFactory *factory(QString *error = nullptr);
    [[nodiscard]] static bool isLoaded();
    // Where the plugin is looked for: OIDCPLAY_BROWSER_PLUGIN, then beside the executable, then the
    // installed plugin directory (lib/oidcplay/plugins beside bin/).
    [[nodiscard]] static QStringList candidatePaths();
};

} // namespace ui
