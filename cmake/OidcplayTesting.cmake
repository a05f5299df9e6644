# One way to add a test (tests/ and bench/ smoke runs):
#
#   oidcplay_add_test(<name>
#       [GTEST | QTEST]              build <name> from SOURCES as a GoogleTest or Qt Test program
#       [TARGET <t>]                 GTEST/QTEST: the program's name, when not <name>
#       [PROGRAM <p>]                QTEST: compile the sources into the shared program <p>
#                                    (made on first use) and run `<p> <name>`; the test file ends
#                                    with OIDCPLAY_QTEST_MAIN(<name>, <class>) (tests/support/QtTestMain.h)
#       [SOURCES …] [LINKS …]        its sources and libraries (GTEST gets the shared main,
#                                    tests/support/GTestMain.cpp, unless it brings its own)
#       [OWN_MAIN]                   GTEST: the sources have main()
#       [RUN <target|program> …]     run this instead of <name> (with its arguments)
#       [NODE <script> …]            run a script of tests/node with the machine's node
#       [XVFB]                       under xvfb-run on the xcb platform (Qt WebEngine), not offscreen
#       [PREFIX <p>]                 GTEST: ctest names are <p><Suite>
#       [NO_DISCOVERY]               GTEST: one ctest entry, not one per suite
#       [LABELS …] [TIMEOUT s] [ENV …] [DEPENDS target…]
#       [FIXTURES_SETUP …] [FIXTURES_REQUIRED …])
#
# GoogleTest programs are listed suite by suite (one process each; gtest's output names each test and
# each parameterised row).
# Qt programs run on the offscreen platform. Every program links oidcplay_warnings and compiles at -O0.
# A Qt Test program of its own costs an AUTOMOC step, a moc TU and a link of the GUI libraries:
# GUI tests share one program (PROGRAM), each class still its own ctest test and process.
function(oidcplay_add_test name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "GTEST;QTEST;XVFB;NO_DISCOVERY;OWN_MAIN"
        "PREFIX;TIMEOUT;TARGET;PROGRAM" "SOURCES;LINKS;LABELS;ENV;RUN;NODE;DEPENDS;FIXTURES_SETUP;FIXTURES_REQUIRED")
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "oidcplay_add_test(${name}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT 120)
    endif()
    set(environment ${arg_ENV})
    set(target ${name})
    if(arg_TARGET)
        set(target ${arg_TARGET})
    endif()
    if(arg_PROGRAM)
        if(NOT arg_QTEST OR arg_TARGET OR arg_RUN)
            message(FATAL_ERROR "oidcplay_add_test(${name}): PROGRAM is for QTEST tests, without TARGET or RUN")
        endif()
        set(target ${arg_PROGRAM})
        set(arg_RUN ${arg_PROGRAM} ${name})
    endif()

    if(arg_GTEST)
        if(NOT arg_OWN_MAIN)
            list(APPEND arg_SOURCES ${PROJECT_SOURCE_DIR}/tests/support/GTestMain.cpp)
        endif()
        add_executable(${target} ${arg_SOURCES})
        target_link_libraries(${target} PRIVATE ${arg_LINKS} oidc GTest::gtest oidcplay_warnings)
        set_target_properties(${target} PROPERTIES AUTOMOC OFF)
    elseif(arg_PROGRAM)
        if(NOT TARGET ${target})
            # Compiled in unity batches like every target: a test file keeps its file-local helpers
            # in a namespace named after the file, so files of one batch cannot clash.
            qt_add_executable(${target} ${PROJECT_SOURCE_DIR}/tests/support/QtTestMain.h
                ${PROJECT_SOURCE_DIR}/tests/support/QtTestMain.cpp)
            target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support)
            target_link_libraries(${target} PRIVATE Qt6::Test Qt6::Widgets oidcplay_warnings)
            set_target_properties(${target} PROPERTIES UNITY_BUILD_BATCH_SIZE 16)
        endif()
        target_sources(${target} PRIVATE ${arg_SOURCES})
        target_link_libraries(${target} PRIVATE ${arg_LINKS})
    elseif(arg_QTEST)
        qt_add_executable(${target} ${arg_SOURCES})
        target_link_libraries(${target} PRIVATE ${arg_LINKS} Qt6::Test oidcplay_warnings)
    endif()
    if(arg_GTEST OR arg_QTEST)
        # Test programs compile without optimisation (the code they test is optimised in its own
        # libraries): a third less compile time for GoogleTest's and Qt Test's macro-heavy files.
        get_target_property(options ${target} COMPILE_OPTIONS)
        if(NOT "-O0" IN_LIST options)   # once for a shared PROGRAM
            target_compile_options(${target} PRIVATE -O0)
        endif()
    endif()
    if(arg_DEPENDS)
        add_dependencies(${target} ${arg_DEPENDS})
    endif()

    if(arg_XVFB)
        list(APPEND environment QT_QPA_PLATFORM=xcb QTWEBENGINE_DISABLE_SANDBOX=1)
    elseif(arg_QTEST)
        list(APPEND environment QT_QPA_PLATFORM=offscreen)
    endif()

    if(arg_GTEST AND NOT arg_NO_DISCOVERY AND NOT arg_RUN)
        # One ctest test per GoogleTest suite (`<PREFIX><Suite>`, run with --gtest_filter=<Suite>.*),
        # listed from the program after each link (cmake/OidcplayGTestSuites.cmake). A process per
        # test cost more than the tests: ~1,500 starts of a Qt + OpenSSL program, each test of the
        # sandbox suites bringing up its own sandbox; the core suites took 82 s of ctest (160 CPU-s)
        # test by test, 25 CPU-s run whole. A failing suite's output names the failing test.
        list(LENGTH arg_LABELS labelCount)
        if(labelCount GREATER 1)
            message(FATAL_ERROR "oidcplay_add_test(${name}): a GoogleTest program listed by suite takes one label")
        endif()
        set(suitesFile "${CMAKE_CURRENT_BINARY_DIR}/${target}_suites.cmake")
        string(REPLACE ";" "<SEMI>" encodedEnvironment "${environment}")
        add_custom_command(TARGET ${target} POST_BUILD
            COMMAND ${CMAKE_COMMAND} -D "EXE=$<TARGET_FILE:${target}>" -D "OUT=${suitesFile}"
                -D "WORKDIR=${CMAKE_CURRENT_BINARY_DIR}" -D "PREFIX=${arg_PREFIX}" -D "LABEL=${arg_LABELS}"
                -D "TIMEOUT=${arg_TIMEOUT}" -D "ENVIRONMENT=${encodedEnvironment}"
                -P ${PROJECT_SOURCE_DIR}/cmake/OidcplayGTestSuites.cmake
            VERBATIM)
        set(includeFile "${CMAKE_CURRENT_BINARY_DIR}/${target}_include.cmake")
        file(WRITE ${includeFile} "if(EXISTS [==[${suitesFile}]==])\n  include([==[${suitesFile}]==])\n"
            "else()\n  add_test([==[${target}_NOT_BUILT]==] [==[${target}_NOT_BUILT]==])\nendif()\n")
        set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${includeFile})
        return()
    endif()

    if(arg_NODE)
        set(command ${NODE_EXECUTABLE} ${arg_NODE})
    elseif(arg_RUN)
        set(command ${arg_RUN})
    else()
        set(command ${target})
    endif()
    list(GET command 0 program)
    if(TARGET ${program})
        list(POP_FRONT command)
        list(PREPEND command $<TARGET_FILE:${program}>)
    endif()
    if(arg_XVFB)
        list(PREPEND command ${XVFB_RUN} -a -s "-screen 0 1280x800x24")
    endif()
    add_test(NAME ${name} COMMAND ${command})
    set_tests_properties(${name} PROPERTIES LABELS "${arg_LABELS}" TIMEOUT ${arg_TIMEOUT})
    if(environment)
        set_tests_properties(${name} PROPERTIES ENVIRONMENT "${environment}")
    endif()
    if(arg_FIXTURES_SETUP)
        set_tests_properties(${name} PROPERTIES FIXTURES_SETUP "${arg_FIXTURES_SETUP}")
    endif()
    if(arg_FIXTURES_REQUIRED)
        set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED "${arg_FIXTURES_REQUIRED}")
    endif()
endfunction()
