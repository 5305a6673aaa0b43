// The answer page's own words, Vietnamese first (the page carries no other catalogue: it stays
// light). {name} marks an argument.
export const vi = {
  org: 'Liên minh Hợp tác xã Việt Nam',
  switchTo: 'English',
  switchLabel: 'Xem bằng tiếng Anh',
  loading: 'Đang tải phiếu khảo sát…',
  entity: 'Đơn vị trả lời',
  closes: 'Hạn trả lời: hết ngày {date}',
  requiredNote: 'Câu có dấu * là câu bắt buộc.',
  required: '(bắt buộc)',
  yes: 'Có',
  no: 'Không',
  decimalHint: 'Số thập phân viết bằng dấu phẩy, ví dụ 2,5.',
  send: 'Gửi câu trả lời',
  sendAgain: 'Gửi lại câu trả lời đã sửa',
  sending: 'Đang gửi…',
  received: 'Đã nhận câu trả lời của quý HTX lúc {time} ngày {date}; có thể sửa đến hết ngày {closes}.',
  receivedNow: 'Đã nhận lúc {time} ngày {date}. Cảm ơn quý HTX đã trả lời khảo sát.',
  updatedNow: 'Đã nhận lúc {time} ngày {date}: câu trả lời đã được cập nhật. Cảm ơn quý HTX.',
  restored: 'Các câu trả lời chưa gửi đã được khôi phục từ máy này.',
  offline: 'Đang ngoại tuyến — câu trả lời đã được lưu trên máy và sẽ tự gửi khi có mạng.',
  fix: 'Còn {count} câu chưa trả lời hoặc chưa đúng; vui lòng xem các câu được đánh dấu.',
  'problem.required': 'Vui lòng trả lời câu hỏi này.',
  'problem.integer': 'Vui lòng nhập một số nguyên, ví dụ 12.',
  'problem.decimal': 'Vui lòng nhập một số, ví dụ 2,5.',
  closed: 'Đợt khảo sát đã kết thúc ngày {date}; không nhận thêm câu trả lời.',
  notOpen: 'Đợt khảo sát chưa mở; quý HTX có thể gửi câu trả lời từ ngày {date}.',
  unknown: 'Đường link khảo sát không đúng hoặc không còn dùng được. Vui lòng kiểm tra lại đường link đã được gửi cho quý HTX.',
  throttled: 'Có quá nhiều lần thử từ máy này. Vui lòng đợi một lát rồi thử lại.',
  serverError: 'Máy chủ đang gặp sự cố; câu trả lời vẫn được lưu trên máy này. Vui lòng thử gửi lại sau.',
  loadFailed: 'Không tải được phiếu khảo sát. Vui lòng kiểm tra kết nối mạng rồi thử lại.',
  retry: 'Thử lại',
  noToken: 'Đường link khảo sát không đầy đủ. Vui lòng mở đúng đường link đã được gửi cho quý HTX.',
} as const;

export type TextKey = keyof typeof vi;

export const en: Record<TextKey, string> = {
  org: 'Vietnam Cooperative Alliance',
  switchTo: 'Tiếng Việt',
  switchLabel: 'Xem bằng tiếng Việt',
  loading: 'Loading the questionnaire…',
  entity: 'Answering for',
  closes: 'Open until the end of {date}',
  requiredNote: 'Questions marked * must be answered.',
  required: '(required)',
  yes: 'Yes',
  no: 'No',
  decimalHint: 'Decimals with a point or a comma, e.g. 2.5.',
  send: 'Send the answers',
  sendAgain: 'Send the changed answers',
  sending: 'Sending…',
  received: 'Your answers were received at {time} on {date}; they can be changed until the end of {closes}.',
  receivedNow: 'Received at {time} on {date}. Thank you for answering the survey.',
  updatedNow: 'Received at {time} on {date}: your answers were updated. Thank you.',
  restored: 'Answers not yet sent were restored from this device.',
  offline: 'Offline — your answers are saved on this device and will be sent when the connection is back.',
  fix: '{count} questions are not answered or not valid; please see the marked questions.',
  'problem.required': 'Please answer this question.',
  'problem.integer': 'Please enter a whole number, e.g. 12.',
  'problem.decimal': 'Please enter a number, e.g. 2.5.',
  closed: 'The survey ended on {date}; no more answers are accepted.',
  notOpen: 'The survey is not open yet; answers can be sent from {date}.',
  unknown: 'This survey link is wrong or no longer valid. Please check the link you were sent.',
  throttled: 'Too many attempts from this device. Please wait a moment and try again.',
  serverError: 'The server has a problem; your answers are still saved on this device. Please try sending again later.',
  loadFailed: 'The questionnaire could not be loaded. Please check the connection and try again.',
  retry: 'Try again',
  noToken: 'The survey link is incomplete. Please open the link exactly as you were sent it.',
};

/** The default likert wording, when a questionnaire's choices carry none. */
export const LIKERT: Record<'vi' | 'en', string[]> = {
  vi: ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'],
  en: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
};

export function say(lang: 'vi' | 'en', key: TextKey, args: Record<string, string | number> = {}): string {
  const text = (lang === 'en' ? en : vi)[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in args ? String(args[name]) : `{${name}}`));
}
