# oidcplay_targets_under(<dir> <out>): every target defined in <dir> and the directories below it,
# directory by directory. The passes that run once every target exists (OidcplayMoc.cmake,
# OidcplayPch.cmake) walk the tree with it.
include_guard(GLOBAL)

function(oidcplay_targets_under dir out)
    get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
    get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
    foreach(subdir IN LISTS subdirs)
        oidcplay_targets_under(${subdir} below)
        list(APPEND targets ${below})
    endforeach()
    set(${out} ${targets} PARENT_SCOPE)
endfunction()
