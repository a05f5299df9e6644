#include "StartupWarmUp.h"

#include <QFile>
#include <QLibraryInfo>

#include <string>
#include <string_view>

#include <dirent.h>
#include <dlfcn.h>

namespace ui {

namespace {

// FcInit from the fontconfig that Qt's font database uses (Qt Gui links it): looked up, not linked,
// so the app needs no fontconfig headers and a Qt without fontconfig simply skips this.
void loadFontconfig()
{
    using FcInit = int (*)();
    if (auto *init = reinterpret_cast<FcInit>(::dlsym(RTLD_DEFAULT, "FcInit")))
        (void)init();
}

// The libraries of Qt's image-format plugins, opened as QLibrary opens them (lazy binding, local
// symbols) and never closed: Qt's later dlopen of the same file only counts a reference. Plain
// POSIX calls: the thread uses no Qt class.
void openImageFormatPlugins(const std::string &folder)
{
    DIR *dir = ::opendir(folder.c_str());
    if (!dir)
        return;
    while (const dirent *entry = ::readdir(dir)) {
        const std::string_view name = entry->d_name;
        if (name.size() > 3 && name.substr(name.size() - 3) == ".so")
            (void)::dlopen((folder + '/' + std::string(name)).c_str(), RTLD_LAZY | RTLD_LOCAL);
    }
    ::closedir(dir);
}

} // namespace

StartupWarmUp::StartupWarmUp()
    : m_thread([folder = QFile::encodeName(QLibraryInfo::path(QLibraryInfo::PluginsPath)).toStdString() + "/imageformats"] {
        loadFontconfig();
        openImageFormatPlugins(folder);
    })
{
}

StartupWarmUp::~StartupWarmUp()
{
    join();
}

void StartupWarmUp::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace ui
