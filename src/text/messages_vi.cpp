// Vietnamese message catalogue (the default language). Keep keys in the same
// order as messages_en.cpp; tests/unit/i18n_test.cpp checks both have every key.
#include <string_view>
#include <utility>

namespace hoptac::i18n {

extern const std::pair<std::string_view, std::string_view> kMessagesVi[] = {
    // Generic errors (one per ErrorCode).
    {"error.invalid_request", "Yêu cầu không hợp lệ."},
    {"error.internal", "Lỗi hệ thống. Vui lòng thử lại sau hoặc báo cho quản trị viên."},
    {"error.not_found", "Không tìm thấy."},
    {"error.route_not_found", "Không có địa chỉ {0}."},
    {"error.method_not_allowed", "Phương thức {0} không được hỗ trợ cho {1}. Được phép: {2}."},
    {"error.conflict", "Dữ liệu bị trùng hoặc xung đột với dữ liệu đã có."},
    {"error.unauthenticated", "Cần đăng nhập."},
    {"error.permission_denied", "Bạn không có quyền thực hiện thao tác này."},
    {"error.too_many_requests", "Quá nhiều yêu cầu. Vui lòng thử lại sau {0} giây."},
    {"error.payload_too_large", "Dữ liệu gửi lên vượt quá giới hạn {0} byte."},
    {"error.header_too_large", "Phần đầu (header) của yêu cầu quá lớn."},
    {"error.bad_http", "Yêu cầu HTTP không đúng định dạng."},
    {"error.database_unavailable", "Cơ sở dữ liệu không phản hồi."},
    {"error.shutting_down", "Máy chủ đang dừng."},
    {"error.malformed_json", "Nội dung JSON không đúng cú pháp (vị trí {0}): {1}"},
    {"error.json_not_object", "Nội dung JSON phải là một đối tượng."},
    {"error.unsupported_media_type", "Kiểu nội dung phải là application/json."},
    {"error.bad_target", "Địa chỉ yêu cầu không hợp lệ."},
    {"error.db_url_invalid", "Địa chỉ cơ sở dữ liệu không hợp lệ: {0}. Dùng sqlite:ĐƯỜNG_DẪN hoặc postgresql://…"},
    {"error.admin_unit_not_found", "Không có đơn vị hành chính mã {0} vào ngày {1}."},
    // Field-level errors.
    {"field.invalid_date", "Ngày không hợp lệ: \"{0}\". Dùng định dạng YYYY-MM-DD, ví dụ 2025-07-01."},
    {"field.invalid_enum", "Giá trị \"{0}\" không hợp lệ. Giá trị được phép: {1}."},
    {"field.unknown_parameter", "Tham số không được hỗ trợ: {0}."},
    {"field.required", "Bắt buộc nhập."},
    {"field.conflicting_parameters", "Không dùng đồng thời {0} và {1}."},
    // CLI.
    {"cli.usage", "Cách dùng: hoptac <lệnh> [tuỳ chọn]. Gõ hoptac help để xem danh sách lệnh."},
    {"cli.unknown_command", "Lệnh không tồn tại: {0}."},
    {"cli.unknown_option", "Tuỳ chọn không hợp lệ: {0}."},
    {"cli.missing_value", "Tuỳ chọn {0} cần một giá trị."},
    {"cli.bad_listen", "Địa chỉ lắng nghe không hợp lệ: {0}. Dùng HOST:CỔNG, ví dụ 127.0.0.1:8080."},
    {"cli.migrated", "Đã áp dụng {0} bản cập nhật lược đồ; cơ sở dữ liệu ở phiên bản {1}."},
    {"cli.listening", "hoptac đang chạy tại http://{0}"},
    {"cli.listen_failed", "Không mở được cổng {0}: {1}"},
};
extern const size_t kMessagesViCount = sizeof(kMessagesVi) / sizeof(kMessagesVi[0]);

}  // namespace hoptac::i18n
