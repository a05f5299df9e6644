# What `cmake --install` installs and how CPack packs it into a .deb for Debian 12. Included by
# the top-level CMakeLists.txt after the app's targets exist.
#
#   bin/oidcplay, bin/oidcplay-cli
#   lib/oidcplay/plugins/liboidcplay_webengine.so   the embedded browser (ui::BrowserLoader
#                                           finds it relative to the executable, see below)
#   share/applications, share/metainfo, share/icons/hicolor/{16x16…256x256,scalable}/apps
#   share/man/man1, share/bash-completion, share/zsh, share/fish   made by the built CLI
#   share/doc/oidcplay/copyright, changelog.Debian.gz
#
# The sandbox's fixtures are a Qt resource compiled into the binaries (sandbox/CMakeLists.txt):
# there is nothing of them to install.

include(GNUInstallDirs)

set(OIDCPLAY_APP_ID io.github.oidcplay.OidcPlayground)
set(OIDCPLAY_PACKAGE_NAME oidcplay)
set(OIDCPLAY_PACKAGE_MAINTAINER "OIDC Playground maintainers <maintainers@oidcplay.invalid>"
    CACHE STRING "The Maintainer field of the .deb")

install(TARGETS oidcplay oidcplay-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The plugin goes to a private directory; the loader looks for it there relative to the
# executable, so the installed tree works under any prefix (and unpacked with dpkg -x). Not
# directly in lib/oidcplay: CPack would then add ldconfig calls for it (lintian:
# maintscript-calls-ldconfig), though no library of the linker's path is installed.
set(OIDCPLAY_PLUGIN_DIR ${CMAKE_INSTALL_LIBDIR}/oidcplay/plugins)
file(RELATIVE_PATH oidcplay_plugin_dir_from_bindir
     ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_PREFIX}/${OIDCPLAY_PLUGIN_DIR})
target_compile_definitions(oidcplay_browser_api PRIVATE
    OIDCPLAY_PLUGIN_DIR_FROM_BINDIR="${oidcplay_plugin_dir_from_bindir}")
if(TARGET oidcplay_webengine)
    install(TARGETS oidcplay_webengine LIBRARY DESTINATION ${OIDCPLAY_PLUGIN_DIR})
endif()

# Desktop integration: the entry, the AppStream metadata and the icon in the hicolor theme.
set(oidcplay_desktop_dir ${PROJECT_SOURCE_DIR}/resources/desktop)
set(oidcplay_icon_dir ${PROJECT_SOURCE_DIR}/resources/icons)
install(FILES ${oidcplay_desktop_dir}/${OIDCPLAY_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${oidcplay_desktop_dir}/${OIDCPLAY_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${oidcplay_icon_dir}/${OIDCPLAY_APP_ID}.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size IN ITEMS 16 24 32 48 64 128 256)
    install(FILES ${oidcplay_icon_dir}/oidcplay-${size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
            RENAME ${OIDCPLAY_APP_ID}.png)
endforeach()

# The manual pages and the shell completions, made by running the built CLI
# (cmake/OidcplayCliFiles.cmake): the completions and the manual's command lists come from the
# CLI's own tables.
set(oidcplay_cli_files_dir ${CMAKE_BINARY_DIR}/cli-files)
set(oidcplay_cli_files
    ${oidcplay_cli_files_dir}/oidcplay-cli.bash
    ${oidcplay_cli_files_dir}/_oidcplay-cli
    ${oidcplay_cli_files_dir}/oidcplay-cli.fish
    ${oidcplay_cli_files_dir}/oidcplay-cli.1.gz
    ${oidcplay_cli_files_dir}/oidcplay.1.gz)
add_custom_command(
    OUTPUT ${oidcplay_cli_files}
    COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:oidcplay-cli> -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
            -DOUTPUT_DIR=${oidcplay_cli_files_dir} -DPROJECT_VERSION=${PROJECT_VERSION}
            -P ${PROJECT_SOURCE_DIR}/cmake/OidcplayCliFiles.cmake
    DEPENDS oidcplay-cli ${PROJECT_SOURCE_DIR}/cmake/OidcplayCliFiles.cmake
            ${PROJECT_SOURCE_DIR}/docs/oidcplay-cli.1.in ${PROJECT_SOURCE_DIR}/docs/oidcplay.1
    COMMENT "Generating oidcplay-cli's completions and the manual pages"
    VERBATIM)
add_custom_target(oidcplay_cli_files ALL DEPENDS ${oidcplay_cli_files})
install(FILES ${oidcplay_cli_files_dir}/oidcplay-cli.1.gz ${oidcplay_cli_files_dir}/oidcplay.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${oidcplay_cli_files_dir}/oidcplay-cli.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME oidcplay-cli)
install(FILES ${oidcplay_cli_files_dir}/_oidcplay-cli DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${oidcplay_cli_files_dir}/oidcplay-cli.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

# Debian's documentation files: the copyright statement and a changelog (Debian Policy §12.5,
# §12.7), compressed with gzip -9n as lintian expects. The entry's date honours
# SOURCE_DATE_EPOCH, so a reproducible build sets it.
set(oidcplay_doc_dir ${CMAKE_INSTALL_DATADIR}/doc/${OIDCPLAY_PACKAGE_NAME})
set(OIDCPLAY_PACKAGE_RELEASE 1)
string(TIMESTAMP oidcplay_changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
file(WRITE ${CMAKE_BINARY_DIR}/packaging/changelog.Debian
     "${OIDCPLAY_PACKAGE_NAME} (${PROJECT_VERSION}-${OIDCPLAY_PACKAGE_RELEASE}) bookworm; urgency=medium\n\n"
     "  * Packaged from the OIDC Playground sources with CPack.\n\n"
     " -- ${OIDCPLAY_PACKAGE_MAINTAINER}  ${oidcplay_changelog_date}\n")
execute_process(COMMAND gzip -9nf ${CMAKE_BINARY_DIR}/packaging/changelog.Debian COMMAND_ERROR_IS_FATAL ANY)
install(FILES ${oidcplay_desktop_dir}/debian-copyright DESTINATION ${oidcplay_doc_dir} RENAME copyright)
install(FILES ${CMAKE_BINARY_DIR}/packaging/changelog.Debian.gz DESTINATION ${oidcplay_doc_dir})
install(FILES ${oidcplay_desktop_dir}/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
        RENAME ${OIDCPLAY_PACKAGE_NAME})

# CPack: `cpack -G DEB` in the build directory (or the `package` target) makes
# oidcplay_<version>-1_<arch>.deb. Dependencies come from the binaries' shared libraries
# (dpkg-shlibdeps); the Qt platform plugins are loaded at run time, so shlibdeps cannot see them.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ${OIDCPLAY_PACKAGE_NAME})
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${OIDCPLAY_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "drive OpenID Connect and OAuth 2 login flows step by step")
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${OIDCPLAY_PACKAGE_RELEASE})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${OIDCPLAY_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS qt6-qpa-plugins)
# The extended description; CPack puts the summary above it and indents it as Debian wants.
set(CPACK_PACKAGE_DESCRIPTION "OIDC Playground runs real OpenID Connect, OAuth 2 and Descope login flows
one step at a time and shows every request and response, every token
decoded and every ID-token check with the rule it enforces. A built-in
sandbox provider serves Descope's API and OIDC endpoints on 127.0.0.1, so
every feature works offline.

The package holds the desktop application (oidcplay), its embedded
browser and the command-line twin (oidcplay-cli) with its completions.")
include(CPack)
