# The web application (web/): `npm ci` when the lock file changes, `npm run build` (type check,
# Vite, gzip, size report) into <build>/web/dist when a source changes, then the built files
# are embedded into the `hoptac_web_assets` library (cmake/EmbedWebFiles.cmake), so the binary
# stays one file. Without Node.js ≥ 20.19 and npm (or with -DHOPTAC_WEB=OFF) the library is
# empty and `hoptac serve` answers / with a page that says how to build the app.
#
# Sets HOPTAC_WEB_BUILT (ON when the app is built) and HOPTAC_WEB_DIST for the tests.
option(HOPTAC_WEB "Build the web application (needs Node.js >= 20.19 and npm)" ON)

set(web_src "${PROJECT_SOURCE_DIR}/web")
set(web_out "${CMAKE_BINARY_DIR}/web")
set(web_cpp "${CMAKE_BINARY_DIR}/web_assets_files.cpp")
set(HOPTAC_WEB_DIST "${web_out}/dist")
set(HOPTAC_WEB_BUILT OFF)

if(HOPTAC_WEB)
  find_program(HOPTAC_NPM npm)
  find_program(HOPTAC_NODE node)
  set(node_version "")
  if(HOPTAC_NODE)
    execute_process(COMMAND "${HOPTAC_NODE}" --version OUTPUT_VARIABLE node_version OUTPUT_STRIP_TRAILING_WHITESPACE)
    string(REGEX REPLACE "^v" "" node_version "${node_version}")
  endif()
  if(NOT HOPTAC_NPM OR NOT HOPTAC_NODE)
    message(WARNING "hoptac: npm or node not found; the web application is not built "
                    "(scripts/install-deps.sh installs them). / will say how to build it.")
  elseif(node_version VERSION_LESS 20.19)
    message(WARNING "hoptac: Node.js ${node_version} is older than 20.19 (Vite's minimum); "
                    "the web application is not built.")
  else()
    set(HOPTAC_WEB_BUILT ON)
  endif()
endif()

if(HOPTAC_WEB_BUILT)
  set(modules_stamp "${web_src}/node_modules/.package-lock.json")
  add_custom_command(
    OUTPUT "${modules_stamp}"
    COMMAND "${HOPTAC_NPM}" ci --no-audit --no-fund --loglevel=error
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
    COMMAND "${CMAKE_COMMAND}" -E env "HOPTAC_WEB_OUT=${HOPTAC_WEB_DIST}" "${HOPTAC_NPM}" run --silent build
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
