// /portal.css: small, mobile first (one column on a 360 px phone, cards in a grid from 40rem),
// system fonts, every text colour at least 4.5:1 on its background (WCAG AA):
// #1a1a1a on #fff 17.4:1; links #0a4f8a on #fff 8.6:1; #fff on the header's #0b4a38 10.4:1;
// muted #555 on #fff 7.5:1 and on #f4f6f5 6.9:1; the focus ring #b45309 on #fff 5.0:1.
#include <cstdio>

#include "portal/pages.h"

namespace hoptac::portal {
namespace {

constexpr std::string_view kCss = R"css(*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1a1a1a;background:#fff}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
a{color:#0a4f8a}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #b45309;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:9}
.skip:focus{left:0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header.site{background:#0b4a38;color:#fff}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem;padding-top:.6rem;padding-bottom:.6rem}
header.site a{color:#fff}
.brand{font-weight:700;text-decoration:none;margin-right:auto}
header nav ul{display:flex;flex-wrap:wrap;gap:.25rem .9rem;list-style:none;margin:0;padding:0}
header nav a[aria-current]{font-weight:700}
.tools{margin:0;display:flex;gap:.9rem}
.signin{font-weight:700}
main{padding-top:1rem;padding-bottom:2rem}
h1{font-size:1.6rem;line-height:1.25;margin:.6rem 0 .8rem}
h2{font-size:1.3rem;line-height:1.3;margin:1.8rem 0 .6rem}
h3{font-size:1.1rem;line-height:1.35;margin:.3rem 0}
.lead{font-size:1.1rem}
.meta,.count,.note{color:#555;font-size:.92rem}
.note{background:#f4f6f5;padding:.5rem .75rem}
img{max-width:100%;height:auto}
figure{margin:1rem 0}
.cards{list-style:none;padding:0;margin:0;display:grid;gap:1.2rem}
.card{border-bottom:1px solid #d5dbd8;padding-bottom:1rem;min-width:0}
.card img{display:block;margin-bottom:.4rem}
.card p{margin:.25rem 0}
.tags,.paging ul,.crumbs ol{display:flex;flex-wrap:wrap;gap:.3rem .8rem;list-style:none;padding:0;margin:.5rem 0}
.tags a[aria-current]{font-weight:700}
.crumbs{font-size:.92rem}
.crumbs li+li::before{content:"› ";color:#555}
.paging a{display:inline-block;min-width:2.75rem;padding:.45rem .6rem;border:1px solid #d5dbd8;text-align:center}
.paging a[aria-current]{background:#0b4a38;color:#fff;border-color:#0b4a38}
.body{overflow-wrap:break-word}
.body blockquote,blockquote{margin:1rem 0;padding:.2rem 1rem;border-left:4px solid #d5dbd8}
.body pre{overflow:auto;background:#f4f6f5;padding:.6rem}
.figures{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.8rem}
.figures li{background:#f4f6f5;padding:.6rem .8rem}
.figures .n{display:block;font-size:1.5rem;font-weight:700}
.ocop{color:#7a4a00;font-weight:700}
.expired{color:#555}
.price{font-weight:700}
dl.facts{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.3rem 1rem}
dl.facts dt{font-weight:700}
dl.facts dd{margin:0}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.95rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #d5dbd8;vertical-align:top}
.num{text-align:right;white-space:nowrap}
td.bar{width:35%;min-width:4rem}
td.bar span{display:block;height:.9rem;margin-top:.35rem;background:#2f7d63}
section{overflow-x:auto;position:relative}
form.search p{margin:.4rem 0}
label{display:block;font-weight:700}
input,select,button{font:inherit;padding:.45rem .6rem;border:1px solid #555;border-radius:3px;max-width:100%}
input[type=search]{width:100%}
button{background:#0b4a38;color:#fff;border-color:#0b4a38;cursor:pointer;min-height:2.75rem}
footer.site{border-top:1px solid #d5dbd8;color:#555;font-size:.92rem;padding:1rem 0 2rem}
@media(min-width:40rem){
h1{font-size:2rem}
.cards{grid-template-columns:repeat(2,minmax(0,1fr))}
.cards.products{grid-template-columns:repeat(3,minmax(0,1fr))}
form.search{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}
form.search p:first-child{flex:1 1 100%}
}
)css";

std::string Version() {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (char c : kCss) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%08x", static_cast<unsigned>(h ^ (h >> 32)));
  return buffer;
}

}  // namespace

std::string_view StyleSheet() { return kCss; }

std::string_view StyleVersion() {
  static const std::string version = Version();
  return version;
}

}  // namespace hoptac::portal
