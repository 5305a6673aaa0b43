// A questionnaire with every question type and skip logic, as GET /s/{token} answers it, for the
// answer page's tests (and the staff pages' too).
import type { AnswerPage, Questionnaire } from './types';

const L = (vi: string, en = '') => ({ vi, en });
const likert = [
  ['1', 'Rất không hài lòng', 'Very dissatisfied'],
  ['2', 'Không hài lòng', 'Dissatisfied'],
  ['3', 'Bình thường', 'Neutral'],
  ['4', 'Hài lòng', 'Satisfied'],
  ['5', 'Rất hài lòng', 'Very satisfied'],
].map(([name, vi, en]) => ({ name, label: L(vi, en) }));

export const QUESTIONNAIRE: Questionnaire = {
  id: 2,
  form_id: 'hailong_2026',
  version: '1',
  title: L('Khảo sát mức độ hài lòng của HTX năm 2026', 'Cooperatives’ satisfaction survey 2026'),
  sections: [
    {
      name: 's1',
      label: L('Phần 1. Thông tin chung', 'Part 1. General'),
      relevant: '',
      condition: null,
      questions: [
        { name: 'intro', type: 'note', label: L('Xin cảm ơn quý HTX đã dành thời gian trả lời.', 'Thank you for your time.'), hint: L(''), required: false, relevant: '', condition: null },
        { name: 'members', type: 'integer', label: L('Số thành viên của HTX', 'Number of members'), hint: L('Tính đến ngày 30/11.', ''), required: true, relevant: '', condition: null },
        { name: 'revenue', type: 'decimal', label: L('Doanh thu năm trước (tỷ đồng)', 'Last year’s revenue (billion đồng)'), hint: L(''), required: false, relevant: '', condition: null },
        { name: 'supported', type: 'yes_no', label: L('HTX có nhận hỗ trợ của Liên minh trong năm không?', 'Did the cooperative receive support this year?'), hint: L(''), required: true,
          choices: [{ name: 'yes', label: L('Có', 'Yes') }, { name: 'no', label: L('Không', 'No') }], relevant: '', condition: null },
        { name: 'kinds', type: 'multiple', label: L('Hình thức hỗ trợ đã nhận', 'Kinds of support received'), hint: L('Chọn tất cả các hình thức phù hợp.'), required: true,
          choices: [{ name: 'training', label: L('Đào tạo, tập huấn', 'Training') }, { name: 'credit', label: L('Vốn vay', 'Credit') }, { name: 'market', label: L('Xúc tiến thương mại', 'Market access') }],
          relevant: "${supported} = 'yes'", condition: { op: '=', ref: 'supported', value: 'yes', numeric: false } },
        { name: 'why_not', type: 'text', label: L('Vì sao HTX chưa nhận hỗ trợ?', 'Why not?'), hint: L(''), required: false,
          relevant: "${supported} = 'no'", condition: { op: '=', ref: 'supported', value: 'no', numeric: false } },
      ],
    },
    {
      name: 's2',
      label: L('Phần 2. Mức độ hài lòng', 'Part 2. Satisfaction'),
      relevant: "${supported} = 'yes'",
      condition: { op: '=', ref: 'supported', value: 'yes', numeric: false },
      questions: [
        { name: 'q_training', type: 'likert', label: L('Mức độ hài lòng với các lớp tập huấn', 'Satisfaction with training'), hint: L(''), required: true, choices: likert,
          relevant: "selected(${kinds}, 'training')", condition: { op: 'selected', ref: 'kinds', value: 'training' } },
        { name: 'q_overall', type: 'likert', label: L('Mức độ hài lòng chung', 'Overall satisfaction'), hint: L(''), required: true, choices: likert, relevant: '', condition: null },
        { name: 'channel', type: 'single', label: L('Kênh nhận thông tin chủ yếu', 'Main information channel'), hint: L(''), required: false,
          choices: [{ name: 'zalo', label: L('Zalo', '') }, { name: 'meeting', label: L('Hội nghị', 'Meetings') }], relevant: '', condition: null },
      ],
    },
    {
      name: 's3',
      label: L('Phần 3. Góp ý', 'Part 3. Suggestions'),
      relevant: '',
      condition: null,
      questions: [
        { name: 'big', type: 'long_text', label: L('HTX có nhiều thành viên: đề xuất về quy mô', 'Large cooperatives: proposals'), hint: L(''), required: false,
          relevant: '${members} >= 100 and not(${supported} = \'no\')',
          condition: { op: 'and', args: [{ op: '>=', ref: 'members', value: '100', numeric: true }, { op: 'not', args: [{ op: '=', ref: 'supported', value: 'no', numeric: false }] }] } },
        { name: 'comments', type: 'long_text', label: L('Góp ý khác', 'Other comments'), hint: L(''), required: false, relevant: '', condition: null },
      ],
    },
  ],
  question_count: 10,
  campaign_count: 1,
  created_at: '2026-10-20T02:00:00Z',
  created_by: 'admin',
  may_delete: false,
};

export function answerPage(over: Partial<AnswerPage> = {}): AnswerPage {
  return {
    campaign: { id: 4, title: L('Khảo sát mức độ hài lòng của HTX tỉnh Bắc Ninh năm 2026', 'Bac Ninh cooperatives’ satisfaction survey 2026'), year: 2026, opens_on: '2026-11-01', closes_on: '2026-12-15', status: 'open' },
    entity: { id: 5, name: 'Hợp tác xã Nông nghiệp Yên Phong' },
    questionnaire: QUESTIONNAIRE,
    response: null,
    lang: 'vi',
    ...over,
  };
}
