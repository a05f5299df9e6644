#pragma once

// Start-up work the first frame needs, done on the second core while the GUI thread connects to the
// display and builds the window (issue 7):
// - fontconfig's configuration: parsing its XML files is most of the font database's set-up, a
//   third of a bare Qt Widgets window's start-up, and the first widget that measures text waits
//   for it;
// - Qt's image-format plugins: the menu bar's first standard icon makes QImageReader load every
//   plugin to ask whether it reads PNG; opening their libraries (mapping and relocating them, and
//   libjpeg) is done here, so Qt's own load finds them open.
// The thread only fills process-wide state that is safe to fill from another thread (fontconfig's
// default configuration is set with an atomic exchange; the dynamic loader takes its own lock) and
// touches no Qt object. join() waits for it: before the first widget, so nothing races with it.

#include <thread>

namespace ui {

class StartupWarmUp final {
public:
    StartupWarmUp(); // starts the thread
    ~StartupWarmUp();
    StartupWarmUp(const StartupWarmUp &) = delete;
    StartupWarmUp &operator=(const StartupWarmUp &) = delete;

    void join();

private:
    std::thread m_thread;
};

} // namespace ui
