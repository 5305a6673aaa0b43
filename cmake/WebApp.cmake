# The web application (web/): `npm ci` when the lock file changes, `npm run build` (type check,
# Vite, gzip, size report) into <build>/web/dist when a source changes, then the built files
# are embedded into the `hoptac_web_assets` library (cmake/EmbedWebFiles.cmake), so the binary
# stays one file. It needs Node.js >= 20.19 and npm: build/tools/node/bin is searched before PATH
# (scripts/install-deps.sh puts a Node.js 20 from the npm registry there when the system's is
# older, e.g. Debian 12's 18). Without them configuration fails when the tests are on
# (HOPTAC_TESTS), since the web tests could not run; otherwise it warns, the library is empty and
# `hoptac serve` answers / with a page that says how to build the app. -DHOPTAC_WEB=OFF builds
# without the web application on purpose.
#
# Sets HOPTAC_WEB_BUILT (ON when the app is built), HOPTAC_WEB_DIST, HOPTAC_NODE, HOPTAC_NPM and
# HOPTAC_WEB_PATH (PATH with that Node.js first, for npm and its scripts) for the tests.
option(HOPTAC_WEB "Build the web application (needs Node.js >= 20.19 and npm)" ON)

set(web_src "${PROJECT_SOURCE_DIR}/web")
set(web_out "${CMAKE_BINARY_DIR}/web")
set(web_cpp "${CMAKE_BINARY_DIR}/web_assets_files.cpp")
set(HOPTAC_WEB_DIST "${web_out}/dist")
set(HOPTAC_WEB_BUILT OFF)
set(HOPTAC_NODE_TOOLS "${PROJECT_SOURCE_DIR}/build/tools/node/bin")

function(hoptac_node_version node out)
  execute_process(COMMAND "${node}" --version OUTPUT_VARIABLE v OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET
                  RESULT_VARIABLE rc)
  string(REGEX REPLACE "^v" "" v "${v}")
  if(NOT rc EQUAL 0 OR NOT v MATCHES "^[0-9]+\\.[0-9]+")
    set(v "0")
  endif()
  set(${out} "${v}" PARENT_SCOPE)
endfunction()

if(HOPTAC_WEB)
  find_program(HOPTAC_NPM npm)
  find_program(HOPTAC_NODE node HINTS "${HOPTAC_NODE_TOOLS}")
  set(node_version "")
  if(HOPTAC_NODE)
    hoptac_node_version("${HOPTAC_NODE}" node_version)
    # A Node.js cached by an earlier configure, older than the one install-deps.sh added since.
    if(node_version VERSION_LESS 20.19 AND EXISTS "${HOPTAC_NODE_TOOLS}/node")
      hoptac_node_version("${HOPTAC_NODE_TOOLS}/node" tools_version)
      if(NOT tools_version VERSION_LESS 20.19)
        set(HOPTAC_NODE "${HOPTAC_NODE_TOOLS}/node" CACHE FILEPATH "Node.js for the web application" FORCE)
        set(node_version "${tools_version}")
      endif()
    endif()
  endif()
  set(web_problem "")
  if(NOT HOPTAC_NPM OR NOT HOPTAC_NODE)
    set(web_problem "npm or node not found")
  elseif(node_version VERSION_LESS 20.19)
    set(web_problem "Node.js ${node_version} (${HOPTAC_NODE}) is older than 20.19, Vite's minimum")
  endif()
  if(web_problem AND HOPTAC_TESTS)
    message(FATAL_ERROR "hoptac: ${web_problem}, so the web application and its tests (web_unit, web_e2e) "
                        "cannot be built. Run scripts/install-deps.sh (it installs npm and, when the system's "
                        "Node.js is older, a Node.js 20 from the npm registry into build/tools/node), then "
                        "configure again; or configure with -DHOPTAC_WEB=OFF to build without the web application.")
  elseif(web_problem)
    message(WARNING "hoptac: ${web_problem}; the web application is not built (scripts/install-deps.sh "
                    "installs what it needs). / will say how to build it.")
  else()
    set(HOPTAC_WEB_BUILT ON)
    get_filename_component(node_dir "${HOPTAC_NODE}" DIRECTORY)
    set(HOPTAC_WEB_PATH "${node_dir}:$ENV{PATH}")
    message(STATUS "hoptac: web application built with Node.js ${node_version} (${HOPTAC_NODE})")
  endif()
endif()

if(HOPTAC_WEB_BUILT)
  set(modules_stamp "${web_src}/node_modules/.package-lock.json")
  add_custom_command(
    OUTPUT "${modules_stamp}"
    COMMAND "${CMAKE_COMMAND}" -E env "PATH=${HOPTAC_WEB_PATH}" "${HOPTAC_NPM}" ci --no-audit --no-fund --loglevel=error
    DEPENDS "${web_src}/package-lock.json" "${web_src}/package.json"
    WORKING_DIRECTORY "${web_src}"
    COMMENT "web: npm ci"
    VERBATIM)
  file(GLOB_RECURSE web_inputs CONFIGURE_DEPENDS
    "${web_src}/src/*" "${web_src}/public/*" "${web_src}/scripts/*")
  list(APPEND web_inputs "${web_src}/index.html" "${web_src}/vite.config.ts" "${web_src}/tsconfig.json"
       "${web_src}/package.json")
  add_custom_command(
    OUTPUT "${web_out}/build.stamp"
    COMMAND "${CMAKE_COMMAND}" -E env "PATH=${HOPTAC_WEB_PATH}" "HOPTAC_WEB_OUT=${HOPTAC_WEB_DIST}" "${HOPTAC_NPM}" run --silent build
    COMMAND "${CMAKE_COMMAND}" -E touch "${web_out}/build.stamp"
    DEPENDS ${web_inputs} "${modules_stamp}"
    WORKING_DIRECTORY "${web_src}"
    COMMENT "web: npm run build"
    VERBATIM)
  add_custom_command(
    OUTPUT "${web_cpp}"
    COMMAND "${CMAKE_COMMAND}" "-DDIST=${HOPTAC_WEB_DIST}" "-DOUT=${web_cpp}"
            -P "${PROJECT_SOURCE_DIR}/cmake/EmbedWebFiles.cmake"
    DEPENDS "${web_out}/build.stamp" "${PROJECT_SOURCE_DIR}/cmake/EmbedWebFiles.cmake"
    COMMENT "web: embedding the built files"
    VERBATIM)
else()
  execute_process(COMMAND "${CMAKE_COMMAND}" "-DOUT=${web_cpp}" -P "${PROJECT_SOURCE_DIR}/cmake/EmbedWebFiles.cmake")
endif()

add_library(hoptac_web_assets STATIC "${web_cpp}")
target_include_directories(hoptac_web_assets PUBLIC "${PROJECT_SOURCE_DIR}/src")
