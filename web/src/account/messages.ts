// Signing in and the account page's messages in both languages, merged into the app's catalogues by i18n/vi.ts and
// i18n/en.ts. en has exactly the keys of vi (the type checks it).

export const vi = {
  'login.title': 'Đăng nhập',
  'login.intro': 'Hệ thống thông tin của Liên minh Hợp tác xã Việt Nam.',
  'login.username': 'Tên đăng nhập',
  'login.password': 'Mật khẩu',
  'login.submit': 'Đăng nhập',
  'login.usernameRequired': 'Hãy nhập tên đăng nhập.',
  'login.passwordRequired': 'Hãy nhập mật khẩu.',
  'login.wrong': 'Tên đăng nhập hoặc mật khẩu không đúng (hoặc tài khoản đã bị khóa).',
  'login.throttled': 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {seconds} giây.',
  'login.throttledNow': 'Bạn có thể thử đăng nhập lại.',
  'login.showPassword': 'Hiện mật khẩu',

  'account.title': 'Tài khoản của tôi',
  'account.signOut': 'Đăng xuất',
  'account.signedInAs': 'Đăng nhập với tên {name}',
  'account.role': 'Vai trò',
  'account.province': 'Tỉnh/thành',
  'password.title': 'Đổi mật khẩu',
  'password.current': 'Mật khẩu hiện tại',
  'password.new': 'Mật khẩu mới',
  'password.confirm': 'Nhập lại mật khẩu mới',
  'password.rule': 'Ít nhất 10 ký tự, khác tên đăng nhập, không phải mật khẩu phổ biến.',
  'password.tooShort': 'Mật khẩu mới cần ít nhất 10 ký tự.',
  'password.mismatch': 'Hai lần nhập mật khẩu mới không khớp.',
  'password.changed': 'Đã đổi mật khẩu.',
  'password.submit': 'Đổi mật khẩu',
} as const;
