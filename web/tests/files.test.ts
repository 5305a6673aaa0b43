import { strFromU8, unzipSync } from 'fflate';
import { buildCsv, csvField } from '../src/lib/csv';
import { fileSlug } from '../src/lib/download';
import { buildXlsx, columnName } from '../src/lib/xlsx';

describe('CSV for Excel', () => {
  it('starts with a BOM, ends lines with CRLF and quotes what needs it', () => {
    const text = buildCsv([
      ['Tỉnh', 'Số HTX'],
      ['Hà Nội', 1234],
      ['Tên "đặc biệt", có dấu phẩy', null],
      ['dòng\nmới', 'a;b'],
    ]);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text).toBe('\ufeffTỉnh,Số HTX\r\nHà Nội,1234\r\n"Tên ""đặc biệt"", có dấu phẩy",\r\n"dòng\nmới","a;b"\r\n');
    expect(csvField(undefined)).toBe('');
  });
});

describe('XLSX', () => {
  it('names columns like Excel', () => {
    expect(columnName(0)).toBe('A');
    expect(columnName(25)).toBe('Z');
    expect(columnName(26)).toBe('AA');
    expect(columnName(701)).toBe('ZZ');
    expect(columnName(702)).toBe('AAA');
  });

  it('writes a workbook Excel opens: parts, sheet name, numbers as numbers, text escaped', () => {
    const bytes = buildXlsx([{ name: 'Theo tỉnh/thành: 2026', rows: [['Tỉnh', 'Số HTX'], ['Hà Nội & <Hà Tây>', 1234], ['Lào Cai', 5.5]] }]);
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(
      ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'].sort(),
    );
    const workbook = strFromU8(files['xl/workbook.xml']);
    expect(workbook).toContain('name="Theo tỉnh thành  2026"');
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">Hà Nội &amp; &lt;Hà Tây&gt;</t></is></c>');
    expect(sheet).toContain('<c r="B2"><v>1234</v></c>');
    expect(sheet).toContain('<c r="B3"><v>5.5</v></c>');
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="1">');
  });
});

describe('file names', () => {
  it('drop diacritics and spaces', () => {
    expect(fileSlug('Tổ chức theo loại hình và tình trạng 2026-11-23')).toBe('to-chuc-theo-loai-hinh-va-tinh-trang-2026-11-23');
    expect(fileSlug('Đắk Lắk')).toBe('dak-lak');
  });
});
