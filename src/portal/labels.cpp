#include "portal/labels.h"

namespace hoptac::portal {
namespace {

struct Row {
  L label;
  const char* vi;
  const char* en;
};

// In the order of enum L (checked at compile time).
constexpr Row kRows[] = {
    {L::kSkip, "Bỏ qua, đến nội dung chính", "Skip to main content"},
    {L::kSignIn, "Đăng nhập", "Sign in"},
    {L::kNavLabel, "Mục chính", "Main sections"},
    {L::kNavNews, "Tin tức", "News"},
    {L::kNavProducts, "Sản phẩm", "Products"},
    {L::kNavStats, "Thống kê", "Statistics"},
    {L::kNavOpenData, "Dữ liệu mở", "Open data"},
    {L::kHome, "Trang chủ", "Home"},
    {L::kBreadcrumbs, "Vị trí trang", "You are here"},
    {L::kFooterLicence, "Dữ liệu công bố theo giấy phép CC BY 4.0.", "Data published under the CC BY 4.0 licence."},
    {L::kHomeDescription,
     "Tin tức của Liên minh Hợp tác xã, sản phẩm của các hợp tác xã, số liệu thống kê và dữ liệu mở.",
     "News of the cooperative alliances, products of cooperatives, statistics and open data."},
    {L::kLatestNews, "Tin mới", "Latest news"},
    {L::kAllNews, "Xem tất cả tin tức", "All news"},
    {L::kNoArticles, "Chưa có bài viết.", "No articles yet."},
    {L::kNoEnglishArticles, "Chưa có bài viết bằng tiếng Anh; dưới đây là các bài tiếng Việt.",
     "There are no articles in English yet; the articles below are in Vietnamese."},
    {L::kHeadlineStats, "Số liệu nổi bật", "Key figures"},
    {L::kAllStats, "Xem toàn bộ số liệu thống kê", "All statistics"},
    {L::kFeaturedProducts, "Sản phẩm tiêu biểu", "Featured products"},
    {L::kAllProducts, "Xem tất cả sản phẩm", "All products"},
    {L::kCategories, "Chuyên mục", "Categories"},
    {L::kAllCategories, "Tất cả", "All"},
    {L::kNewsDescription, "Tin tức về hoạt động, chính sách, mô hình hợp tác xã.",
     "News about the activities, policies and models of cooperatives."},
    {L::kKeywordTitle, "từ khóa “{0}”", "keyword “{0}”"},
    {L::kPageN, "trang {0}", "page {0}"},
    {L::kArticlesFound, "{0} bài viết", "{0} articles"},
    {L::kPaging, "Phân trang", "Pages"},
    {L::kPrevious, "‹ Trang trước", "‹ Previous"},
    {L::kNext, "Trang sau ›", "Next ›"},
    {L::kViews, "{0} lượt xem", "{0} views"},
    {L::kViewsOne, "{0} lượt xem", "{0} view"},
    {L::kBy, "Người viết: {0}", "By {0}"},
    {L::kKeywords, "Từ khóa:", "Keywords:"},
    {L::kAbout, "Về các đơn vị:", "About:"},
    {L::kRelated, "Tin liên quan", "Related news"},
    {L::kProductsTitle, "Sản phẩm của hợp tác xã", "Products of cooperatives"},
    {L::kProductsDescription, "Tìm sản phẩm của các hợp tác xã theo tên, loại, tỉnh và số sao OCOP.",
     "Find products of cooperatives by name, category, province and OCOP stars."},
    {L::kSearchName, "Tên sản phẩm", "Product name"},
    {L::kCategory, "Loại sản phẩm", "Category"},
    {L::kAnyCategory, "Tất cả các loại", "All categories"},
    {L::kProvince, "Tỉnh, thành phố", "Province"},
    {L::kAnyProvince, "Tất cả các tỉnh", "All provinces"},
    {L::kOcop, "Xếp hạng OCOP", "OCOP rating"},
    {L::kAnyStars, "Không lọc theo sao", "Any rating"},
    {L::kStarsAtLeast, "Từ {0} sao", "{0} stars or more"},
    {L::kSearch, "Tìm", "Search"},
    {L::kProductsFound, "{0} sản phẩm", "{0} products"},
    {L::kNoProducts, "Chưa có sản phẩm.", "No products."},
    {L::kOcopStarsLabel, "OCOP {0} sao trên 5", "OCOP {0} stars out of 5"},
    {L::kOcopExpired, "đã hết hạn", "expired"},
    {L::kOcopExpiresOn, "OCOP có hiệu lực đến", "OCOP valid until"},
    {L::kOcopExpiredOn, "OCOP hết hạn ngày", "OCOP expired on"},
    {L::kCertificate, "giấy chứng nhận {0}", "certificate {0}"},
    {L::kMadeBy, "Sản xuất bởi", "Made by"},
    {L::kDetails, "Thông tin sản phẩm", "Product details"},
    {L::kCertifications, "Chứng nhận", "Certifications"},
    {L::kUnit, "Đơn vị bán", "Sold by"},
    {L::kWhereToBuy, "Nơi mua", "Where to buy"},
    {L::kShopOnline, "trực tuyến", "online"},
    {L::kShopStore, "cửa hàng", "shop"},
    {L::kFairs, "Hội chợ đã tham gia", "Trade fairs"},
    {L::kCertVietgap, "VietGAP", "VietGAP"},
    {L::kCertGlobalgap, "GlobalG.A.P.", "GlobalG.A.P."},
    {L::kCertOrganic, "Hữu cơ", "Organic"},
    {L::kCertHaccp, "HACCP", "HACCP"},
    {L::kCertIso22000, "ISO 22000", "ISO 22000"},
    {L::kCertGi, "Chỉ dẫn địa lý", "Geographical indication"},
    {L::kCertOther, "Chứng nhận khác", "Other certification"},
    {L::kKind, "Loại hình", "Type"},
    {L::kStatus, "Tình trạng", "Status"},
    {L::kDistrict, "Quận, huyện", "District"},
    {L::kCommune, "Xã, phường", "Commune"},
    {L::kFoundedOn, "Ngày thành lập", "Founded on"},
    {L::kSector, "Lĩnh vực chính", "Main sector"},
    {L::kMembers, "Số thành viên", "Members"},
    {L::kWorkers, "Số người lao động", "Workers"},
    {L::kItsProducts, "Sản phẩm", "Products"},
    {L::kNewsAbout, "Tin tức liên quan", "News about it"},
    {L::kActivities, "Hoạt động đã tham gia", "Activities"},
    {L::kProvinceDescription, "Hợp tác xã, tin tức và sản phẩm của {0}.", "Cooperatives, news and products of {0}."},
    {L::kStatActive, "đang hoạt động", "active"},
    {L::kStatProducts, "sản phẩm", "products"},
    {L::kStatEntities, "hợp tác xã và tổ hợp tác", "cooperatives and cooperative groups"},
    {L::kStatMembers, "thành viên", "members"},
    {L::kStatWorkers, "người lao động", "workers"},
    {L::kProvinceStats, "Số liệu thống kê của tỉnh", "Statistics of the province"},
    {L::kRecentEntities, "Mới đăng ký", "Newly registered"},
    {L::kCountry, "cả nước", "the whole country"},
    {L::kStatsTitle, "Thống kê hợp tác xã — {0}", "Cooperative statistics — {0}"},
    {L::kStatsDescription,
     "Số lượng hợp tác xã theo loại hình, tình trạng, năm thành lập; thành viên và người lao động — {0}.",
     "Cooperatives by type, status and year founded; members and workers — {0}."},
    {L::kAsOf, "Số liệu tại ngày", "Figures as of"},
    {L::kProvincePageLink, "Trang của {0}", "The page of {0}"},
    {L::kByKind, "Theo loại hình", "By type"},
    {L::kByStatus, "Theo tình trạng", "By status"},
    {L::kCount, "Số lượng", "Number"},
    {L::kFoundedPerYear, "Thành lập theo năm", "Founded per year"},
    {L::kYear, "Năm", "Year"},
    {L::kFounded, "Số thành lập", "Founded"},
    {L::kMembersWorkers, "Thành viên và người lao động", "Members and workers"},
    {L::kTotal, "Tổng số", "Total"},
    {L::kFemale, "Nữ", "Women"},
    {L::kFemaleShare, "Tỷ lệ nữ", "Share of women"},
    {L::kByProvince, "Theo tỉnh, thành phố", "By province"},
    {L::kNotes, "Ghi chú", "Notes"},
    {L::kWithheld, "không công bố", "withheld"},
    {L::kWithheldNote,
     "Dấu “—”: số liệu không công bố vì nhóm có dưới 3 đơn vị hoặc một đơn vị chiếm phần lớn (trên 85 %), để không lộ "
     "số liệu của từng hợp tác xã. Số lượng hợp tác xã luôn là số chính xác.",
     "“—”: the figure is withheld because the group has fewer than 3 entities or one entity makes up most of it (over "
     "85 %), so no single cooperative's figures can be read from it. Counts of cooperatives are always exact."},
    {L::kPerturbedNote,
     "Số thành viên và người lao động được làm nhiễu nhẹ (phương pháp khóa ô) để bảo vệ số liệu của từng đơn vị; tổng "
     "có thể lệch đôi chút so với tổng các dòng.",
     "Members and workers are slightly perturbed (the cell-key method) to protect each entity's figures; a total may "
     "differ a little from the sum of its rows."},
    {L::kDownloadData, "Tải dữ liệu mở", "Download the open data"},
    {L::kOpenDataIntro,
     "Danh sách công khai các hợp tác xã và số liệu thống kê tổng hợp, tải về tự do dưới dạng CSV và XLSX, theo giấy "
     "phép CC BY 4.0.",
     "The public list of cooperatives and the aggregate statistics, free to download as CSV and XLSX under the CC BY "
     "4.0 licence."},
    {L::kDownloads, "Tải về", "Downloads"},
    {L::kDatasetEntities, "Danh sách hợp tác xã (các trường công khai)", "Cooperatives (public fields)"},
    {L::kDatasetStats, "Số liệu thống kê tổng hợp", "Aggregate statistics"},
    {L::kDownloadFormats,
     "CSV: mã UTF-8, dấu phẩy phân cách, dòng đầu là tên cột. XLSX: mở được bằng Excel, LibreOffice. Dữ liệu được cập "
     "nhật liên tục.",
     "CSV: UTF-8, comma-separated, the first line names the columns. XLSX: opens in Excel and LibreOffice. The data is "
     "kept up to date."},
    {L::kDictionary, "Từ điển dữ liệu", "Data dictionary"},
    {L::kColumn, "Cột", "Column"},
    {L::kType, "Kiểu", "Type"},
    {L::kMeaning, "Ý nghĩa", "Meaning"},
    {L::kLicence, "Giấy phép", "Licence"},
    {L::kLicenceText, "Dữ liệu được công bố theo giấy phép", "The data is published under the licence"},
    {L::kHowToCite, "Cách trích dẫn", "How to cite"},
    {L::kCiteIntro,
     "Khi dùng lại dữ liệu, xin ghi nguồn như sau:", "When you reuse the data, please credit it as follows:"},
    {L::kCitation, "{0}, Dữ liệu mở về hợp tác xã, {1}, giấy phép CC BY 4.0.",
     "{0}, Open data on cooperatives, {1}, licence CC BY 4.0."},
    {L::kStatsDisclosureOpenData,
     "Số liệu tổng hợp theo cùng quy tắc công bố với trang thống kê: nhóm nhỏ không công bố.",
     "The aggregates follow the same disclosure rules as the statistics pages: small groups are withheld."},
    {L::kNotFoundTitle, "Không tìm thấy trang", "Page not found"},
    {L::kNotFoundText, "Trang bạn tìm không có hoặc đã được chuyển đi. Hãy thử từ trang chủ.",
     "The page you asked for does not exist or has moved. Try the home page."},
    {L::kUnavailableTitle, "Hệ thống tạm thời không trả lời", "The site cannot answer right now"},
    {L::kUnavailableText, "Xin thử lại sau ít phút.", "Please try again in a few minutes."},
};

constexpr bool InOrder() {
  for (size_t i = 0; i < sizeof kRows / sizeof kRows[0]; ++i)
    if (static_cast<size_t>(kRows[i].label) != i || kRows[i].vi[0] == 0 || kRows[i].en[0] == 0) return false;
  return sizeof kRows / sizeof kRows[0] == kLabelCount;
}
static_assert(InOrder(), "kRows must list every label of enum L, in order, with both texts");

}  // namespace

const char* LabelText(i18n::Lang lang, L label) {
  const Row& row = kRows[static_cast<size_t>(label)];
  return lang == i18n::Lang::kEn ? row.en : row.vi;
}

}  // namespace hoptac::portal
