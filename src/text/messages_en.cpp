// English message catalogue. Keep keys in the same order as messages_vi.cpp.
#include <string_view>
#include <utility>

namespace hoptac::i18n {

extern const std::pair<std::string_view, std::string_view> kMessagesEn[] = {
    {"error.invalid_request", "The request is not valid."},
    {"error.internal", "Internal error. Please try again later or tell the administrator."},
    {"error.not_found", "Not found."},
    {"error.route_not_found", "There is no resource at {0}."},
    {"error.method_not_allowed", "Method {0} is not supported for {1}. Allowed: {2}."},
    {"error.conflict", "The data duplicates or conflicts with existing data."},
    {"error.unauthenticated", "Sign-in required."},
    {"error.permission_denied", "You are not allowed to do this."},
    {"error.too_many_requests", "Too many requests. Try again in {0} seconds."},
    {"error.payload_too_large", "The request body exceeds the limit of {0} bytes."},
    {"error.header_too_large", "The request header is too large."},
    {"error.bad_http", "Malformed HTTP request."},
    {"error.database_unavailable", "The database does not answer."},
    {"error.shutting_down", "The server is shutting down."},
    {"error.malformed_json", "Malformed JSON (at offset {0}): {1}"},
    {"error.json_not_object", "The JSON body must be an object."},
    {"error.unsupported_media_type", "The content type must be application/json."},
    {"error.bad_target", "The request target is not valid."},
    {"error.db_url_invalid", "Invalid database URL: {0}. Use sqlite:PATH or postgresql://…"},
    {"error.admin_unit_not_found", "There is no administrative unit with code {0} on {1}."},
    {"field.invalid_date", "Invalid date: \"{0}\". Use YYYY-MM-DD, e.g. 2025-07-01."},
    {"field.invalid_enum", "Invalid value \"{0}\". Allowed values: {1}."},
    {"field.unknown_parameter", "Unsupported parameter: {0}."},
    {"field.required", "Required."},
    {"field.conflicting_parameters", "{0} and {1} cannot be used together."},
    {"cli.usage", "Usage: hoptac <command> [options]. Run hoptac help for the list of commands."},
    {"cli.unknown_command", "Unknown command: {0}."},
    {"cli.unknown_option", "Invalid option: {0}."},
    {"cli.missing_value", "Option {0} needs a value."},
    {"cli.bad_listen", "Invalid listen address: {0}. Use HOST:PORT, e.g. 127.0.0.1:8080."},
    {"cli.migrated", "Applied {0} schema migrations; the database is at version {1}."},
    {"cli.listening", "hoptac is running at http://{0}"},
    {"cli.listen_failed", "Cannot listen on {0}: {1}"},
};
extern const size_t kMessagesEnCount = sizeof(kMessagesEn) / sizeof(kMessagesEn[0]);

}  // namespace hoptac::i18n
